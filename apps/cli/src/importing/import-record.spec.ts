import { contentEventId, eventsCsvRecord, jsonLineRecord, movieLensRecord } from './import-record';

describe('import records', () => {
  it('turns a MovieLens line into a rating event with a content-derived id', () => {
    const record = movieLensRecord('196\t242\t3\t881250949', 7);
    const candidate = { userId: '196', itemId: '242', type: 'rating', value: 3, timestamp: '1997-12-04T15:55:49.000Z' }; // prettier-ignore
    expect(record).toEqual({ lineNumber: 7, candidate: { eventId: contentEventId(candidate), ...candidate } }); // prettier-ignore
    expect(contentEventId(candidate)).toMatch(/^import-[0-9a-f]{32}$/);
    expect(movieLensRecord('1 2 3', 2)).toEqual({ lineNumber: 2, problem: 'expected 4 fields, found 3' }); // prettier-ignore
  });

  it('derives the same id from the same content and a different one otherwise', () => {
    const base = { userId: 'u', itemId: 'i', type: 'click', timestamp: '2026-01-01T00:00:00Z' };
    expect(contentEventId({ ...base })).toBe(contentEventId(base));
    expect(contentEventId({ ...base, itemId: 'j' })).not.toBe(contentEventId(base));
    expect(contentEventId({ ...base, value: 1 })).not.toBe(contentEventId(base));
  });

  it('keeps a JSON line as written, adding an id only when it has none', () => {
    const event = { eventId: 'e1', userId: 'u', itemId: 'i', type: 'like', timestamp: '2026-01-01T00:00:00+02:00' }; // prettier-ignore
    expect(jsonLineRecord(JSON.stringify(event), 1)).toEqual({ lineNumber: 1, candidate: event });
    const { eventId: _, ...withoutId } = event;
    const derived = jsonLineRecord(JSON.stringify(withoutId), 2);
    expect(derived).toEqual({ lineNumber: 2, candidate: { eventId: contentEventId(withoutId), ...withoutId } }); // prettier-ignore
    expect(jsonLineRecord('{"a":', 3)).toMatchObject({ problem: expect.stringContaining('not JSON') }); // prettier-ignore
    expect(jsonLineRecord('[1]', 4)).toEqual({ lineNumber: 4, problem: 'not a JSON object' });
  });

  it('reads events CSV values and both timestamp forms, and needs a timestamp', () => {
    const fields = { userId: 'u', itemId: 'i', type: 'rating', value: '4', timestamp: '1700000000000' }; // prettier-ignore
    expect(eventsCsvRecord(fields, 2)).toMatchObject({
      candidate: { userId: 'u', itemId: 'i', type: 'rating', value: 4, timestamp: '2023-11-14T22:13:20.000Z' }, // prettier-ignore
    });
    const iso = eventsCsvRecord(
      { ...fields, value: '', timestamp: '1990-05-01T10:00:00-05:00' },
      3,
    );
    expect(iso).toMatchObject({ candidate: { timestamp: '1990-05-01T10:00:00-05:00' } });
    expect(iso).not.toHaveProperty('candidate.value');
    expect(eventsCsvRecord({ ...fields, timestamp: '' }, 4)).toEqual({ lineNumber: 4, problem: 'timestamp is empty (a replayed event needs its time)' }); // prettier-ignore
    expect(eventsCsvRecord({ ...fields, value: 'x' }, 5)).toEqual({ lineNumber: 5, problem: 'value "x" is not a number' }); // prettier-ignore
  });
});
