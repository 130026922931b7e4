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
    expect(fieldsOf({ ...click, timestamp: '1999-01-01T00:00:00Z' })).toEqual(['timestamp']);
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

  it('explains empty, non-JSON and invalid messages', () => {
    expect(decodeInteractionEvent(null, { now })).toMatchObject({ ok: false });
    const garbage = decodeInteractionEvent(Buffer.from('{not json'), { now });
    expect(garbage.ok).toBe(false);
    if (!garbage.ok) expect(garbage.errors[0].message).toMatch(/not UTF-8 JSON/);
    expect(decodeInteractionEvent(encode({ ...click, type: 'x' }), { now }).ok).toBe(false);
  });
});
