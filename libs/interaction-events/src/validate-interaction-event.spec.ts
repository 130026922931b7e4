import { validateInteractionEvent } from './validate-interaction-event';
import { validateEventBatch } from './validate-event-batch';
import { decodeInteractionEvent } from './decode-interaction-event';

const now = new Date('2026-11-28T12:00:00Z');
const click = {
  eventId: 'e1',
  userId: 'u1',
  itemId: 'i1',
  type: 'click',
  timestamp: '2026-11-28T11:59:00Z',
};

function fieldsOf(input: unknown): string[] {
  const result = validateInteractionEvent(input, { now });
  return result.ok ? [] : result.errors.map((e) => e.field);
}

describe('validateInteractionEvent', () => {
  it('accepts a valid click and returns it unchanged', () => {
    expect(validateInteractionEvent(click, { now })).toEqual({ ok: true, event: click });
  });

  it('accepts a rating with a value and an impression whose chosen item was shown', () => {
    expect(validateInteractionEvent({ ...click, type: 'rating', value: 4 }, { now }).ok).toBe(true);
    const impression = { ...click, type: 'impression', shownItemIds: ['i0', 'i1', 'i2'] };
    expect(validateInteractionEvent(impression, { now }).ok).toBe(true);
  });

  it('names every missing field', () => {
    expect(fieldsOf({}).sort()).toEqual(['eventId', 'itemId', 'timestamp', 'type', 'userId']);
  });

  it('rejects unknown fields by name', () => {
    const result = validateInteractionEvent({ ...click, color: 'red' }, { now });
    expect(result).toEqual({ ok: false, errors: [{ field: 'color', message: 'unknown field' }] });
  });

  it('rejects ids that are empty, too long or hold control characters', () => {
    expect(fieldsOf({ ...click, userId: '' })).toEqual(['userId']);
    expect(fieldsOf({ ...click, itemId: 'x'.repeat(257) })).toEqual(['itemId']);
    expect(fieldsOf({ ...click, eventId: 'a\nb' })).toEqual(['eventId']);
  });

  it('rejects an unknown type and says which types exist', () => {
    const result = validateInteractionEvent({ ...click, type: 'hover' }, { now });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0].message).toContain('add_to_cart');
  });

  it('enforces the cross-field rules of ratings and impressions', () => {
    expect(fieldsOf({ ...click, type: 'rating' })).toEqual(['value']);
    expect(fieldsOf({ ...click, value: 3 })).toEqual(['value']);
    expect(fieldsOf({ ...click, type: 'impression' })).toEqual(['shownItemIds']);
    expect(fieldsOf({ ...click, type: 'impression', shownItemIds: ['i9'] })).toEqual(['itemId']);
    expect(fieldsOf({ ...click, shownItemIds: ['i1'] })).toEqual(['shownItemIds']);
    expect(fieldsOf({ ...click, type: 'rating', value: 11 })).toEqual(['value']);
  });

  it('bounds the shown list and the timestamp', () => {
    const shown = Array.from({ length: 201 }, (_, i) => `i${i}`);
    expect(fieldsOf({ ...click, type: 'impression', shownItemIds: shown })).toEqual([
      'shownItemIds',
    ]);
    expect(fieldsOf({ ...click, timestamp: '2026-11-28' })).toEqual(['timestamp']);
    expect(fieldsOf({ ...click, timestamp: '2026-12-01T00:00:00Z' })).toEqual(['timestamp']);
    expect(fieldsOf({ ...click, timestamp: '0000-12-31T23:59:59Z' })).toEqual(['timestamp']);
    // 0001-01-01T00:00 at +10:00 is still year 0 (1 BC) in UTC, which PostgreSQL's parser rejects.
    expect(fieldsOf({ ...click, timestamp: '0001-01-01T00:00:00+10:00' })).toEqual(['timestamp']);
  });

  it('accepts histories of any era PostgreSQL stores: MovieLens (1997), year 1', () => {
    expect(fieldsOf({ ...click, timestamp: '1997-09-20T03:05:10Z' })).toEqual([]);
    expect(fieldsOf({ ...click, timestamp: '0001-01-01T00:00:00Z' })).toEqual([]);
  });

  it('normalises the timestamp to UTC, keeping every fractional digit', () => {
    const at = (timestamp: string) => {
      const result = validateInteractionEvent({ ...click, timestamp }, { now });
      return result.ok ? result.event.timestamp : result.errors;
    };
    // +16:00 is valid ISO-8601 but beyond PostgreSQL's ±15:59: it used to stall a partition forever.
    expect(at('2026-01-01T00:00:00+16:00')).toBe('2025-12-31T08:00:00Z');
    expect(at('2026-01-01T00:00:00-23:59')).toBe('2026-01-01T23:59:00Z');
    expect(at('2026-11-28T11:59:00.123456+01:30')).toBe('2026-11-28T10:29:00.123456Z');
    expect(at('2026-11-28T11:59:00Z')).toBe('2026-11-28T11:59:00Z');
  });

  it('rejects ids that are not well-formed Unicode or hold NUL, naming the field', () => {
    expect(fieldsOf({ ...click, userId: 'x\ud800' })).toEqual(['userId']);
    expect(fieldsOf({ ...click, itemId: '\udc00x' })).toEqual(['itemId']);
    expect(fieldsOf({ ...click, eventId: 'a\u0000b' })).toEqual(['eventId']);
    expect(
      fieldsOf({ ...click, type: 'impression', itemId: 'i1', shownItemIds: ['i1', 'x\ud83d'] }),
    ).toEqual(['shownItemIds[1]']);
    // A surrogate pair is one well-formed code point.
    expect(fieldsOf({ ...click, userId: 'user-\ud83d\ude00' })).toEqual([]);
  });
});

describe('validateEventBatch', () => {
  it('accepts one event or an array of them', () => {
    expect(validateEventBatch(click, { now })).toEqual({ ok: true, events: [click] });
    const two = [click, { ...click, eventId: 'e2' }];
    expect(validateEventBatch(two, { now })).toEqual({ ok: true, events: two });
  });

  it('prefixes errors with the index and rejects the whole batch', () => {
    const result = validateEventBatch([click, { ...click, userId: '' }], { now });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.field)).toEqual(['[1].userId']);
  });

  it('rejects empty and oversized batches', () => {
    expect(validateEventBatch([], { now }).ok).toBe(false);
    expect(validateEventBatch(Array(1001).fill(click), { now }).ok).toBe(false);
  });
});

describe('decodeInteractionEvent', () => {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value));

  it('decodes valid JSON bytes', () => {
    expect(decodeInteractionEvent(encode(click), { now })).toEqual({ ok: true, event: click });
  });

  it('rejects a lone surrogate written as a JSON escape (valid UTF-8 bytes)', () => {
    const bytes = Buffer.from(
      '{"eventId":"e1","userId":"x\\ud800","itemId":"i1","type":"click","timestamp":"2026-11-28T11:59:00Z"}',
    );
    const result = decodeInteractionEvent(bytes, { now });
    expect(result.ok ? [] : result.errors.map((e) => e.field)).toEqual(['userId']);
  });

  it('explains empty, non-JSON and invalid messages', () => {
    expect(decodeInteractionEvent(null, { now })).toMatchObject({ ok: false });
    const garbage = decodeInteractionEvent(Buffer.from('{not json'), { now });
    expect(garbage.ok).toBe(false);
    if (!garbage.ok) expect(garbage.errors[0].message).toMatch(/not UTF-8 JSON/);
    expect(decodeInteractionEvent(encode({ ...click, type: 'x' }), { now }).ok).toBe(false);
  });
});
