import type { ClassifiedEvent } from '@recsys/domain';
import { newestEntriesByUser } from './recent-entries';

function classified(options: {
  userId?: string;
  itemId: string;
  minute: number;
  polarity?: -1 | 0 | 1;
  weight?: number;
}): ClassifiedEvent {
  const { userId = 'u1', itemId, minute, polarity = 1, weight = 1 } = options;
  const timestamp = `2026-03-01T10:${String(minute).padStart(2, '0')}:00Z`;
  return {
    event: { eventId: `${userId}-${itemId}-${minute}`, userId, itemId, type: 'click', timestamp },
    polarity,
    weight,
  };
}

const itemsOf = (entries: { interaction: { itemId: string } }[] | undefined) =>
  (entries ?? []).map((entry) => entry.interaction.itemId);

describe('newestEntriesByUser', () => {
  it('keeps the newest event per item, newest first, per user', () => {
    const byUser = newestEntriesByUser(
      [
        classified({ itemId: 'a', minute: 5 }),
        classified({ itemId: 'b', minute: 1 }),
        classified({ itemId: 'a', minute: 2 }),
        classified({ userId: 'u2', itemId: 'a', minute: 3 }),
      ],
      10,
    );
    expect(itemsOf(byUser.get('u1'))).toEqual(['a', 'b']);
    expect(byUser.get('u1')![0].interaction.at).toBe('2026-03-01T10:05:00Z');
    expect(itemsOf(byUser.get('u2'))).toEqual(['a']);
  });

  it('keeps the first of equally new events of an item, as the store does across batches', () => {
    const byUser = newestEntriesByUser(
      [
        classified({ itemId: 'a', minute: 1, weight: 1 }),
        classified({ itemId: 'a', minute: 1, weight: 3 }),
      ],
      10,
    );
    expect(byUser.get('u1')!.map((entry) => entry.interaction.weight)).toEqual([1]);
  });

  it('keeps only the newest maxPerUser, ordering equal times by item id bytes, descending', () => {
    const byUser = newestEntriesByUser(
      [
        classified({ itemId: 'old', minute: 0 }),
        classified({ itemId: 'b', minute: 9 }),
        classified({ itemId: 'é', minute: 9 }),
        classified({ itemId: 'z', minute: 9 }),
      ],
      3,
    );
    // UTF-8: 'é' is 0xC3 0xA9, above 'z' (0x7A)
    expect(itemsOf(byUser.get('u1'))).toEqual(['é', 'z', 'b']);
  });

  it('keeps polarity, and weight only for liked interactions', () => {
    const byUser = newestEntriesByUser(
      [
        classified({ itemId: 'liked', minute: 3, polarity: 1, weight: 2 }),
        classified({ itemId: 'unliked', minute: 2, polarity: -1, weight: 5 }),
        classified({ itemId: 'neutral', minute: 1, polarity: 0, weight: 0 }),
      ],
      10,
    );
    expect(byUser.get('u1')!.map((entry) => entry.interaction)).toEqual([
      { itemId: 'liked', polarity: 1, weight: 2, at: '2026-03-01T10:03:00Z' },
      { itemId: 'unliked', polarity: -1, weight: 0, at: '2026-03-01T10:02:00Z' },
      { itemId: 'neutral', polarity: 0, weight: 0, at: '2026-03-01T10:01:00Z' },
    ]);
  });
});
