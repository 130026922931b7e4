import type { ClassifiedEvent } from '@recsys/domain';
import { dedupeByEventId } from './dedupe-by-event-id';

function classified(eventId: string, itemId: string): ClassifiedEvent {
  return {
    event: { eventId, userId: 'u1', itemId, type: 'click', timestamp: '2026-01-01T00:00:00Z' },
    polarity: 1,
    weight: 1,
  };
}

describe('dedupeByEventId', () => {
  it('keeps the first occurrence of a repeated event id, in batch order', () => {
    const unique = dedupeByEventId([
      classified('e1', 'first'),
      classified('e2', 'other'),
      classified('e1', 'second'),
    ]);
    expect(unique.map((c) => [c.event.eventId, c.event.itemId])).toEqual([
      ['e1', 'first'],
      ['e2', 'other'],
    ]);
  });

  it('returns an empty list for an empty batch', () => {
    expect(dedupeByEventId([])).toEqual([]);
  });
});
