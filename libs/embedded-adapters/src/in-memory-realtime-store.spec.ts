import { DomainError, type ClassifiedEvent } from '@recsys/domain';
import { InMemoryRealtimeStore } from './in-memory-realtime-store';
import { InMemoryPopularity } from './in-memory-realtime-store-popularity';

const BASE_MS = Date.parse('2026-03-01T00:00:00Z');
const DAY_MS = 24 * 60 * 60 * 1000;

function liked(userId: string, itemId: string, timeMs: number, weight = 1): ClassifiedEvent {
  const timestamp = new Date(timeMs).toISOString();
  return {
    event: { eventId: `${userId}-${itemId}-${timeMs}`, userId, itemId, type: 'like', timestamp },
    polarity: 1,
    weight,
  };
}

describe('InMemoryRealtimeStore', () => {
  it('refuses settings it cannot work with', () => {
    expect(() => new InMemoryRealtimeStore({ maxRecentPerUser: 0 })).toThrow(DomainError);
    expect(() => new InMemoryRealtimeStore({ maxRecentPerUser: 1_001 })).toThrow('at most 1000');
    expect(() => new InMemoryRealtimeStore({ popularityHalfLifeMs: 1.5 })).toThrow(
      'popularityHalfLifeMs must be a positive integer',
    );
  });

  it('forgets users whose newest event is older than the TTL, measured in event time', async () => {
    const store = new InMemoryRealtimeStore({ recentTtlSeconds: 24 * 60 * 60 });
    await store.record([liked('stale', 'a', BASE_MS), liked('fresh', 'a', BASE_MS + 2 * DAY_MS)]);
    // Enough further users to trigger a sweep (the first runs at 1,024 users).
    const others = Array.from({ length: 1_100 }, (_, n) =>
      liked(`u${n}`, 'b', BASE_MS + 2 * DAY_MS),
    );
    await store.record(others);
    expect(await store.recentInteractions('stale', 5)).toEqual([]);
    expect((await store.recentInteractions('fresh', 5)).map((entry) => entry.itemId)).toEqual([
      'a',
    ]);
  });

  it('keeps a user whose list is within the TTL of the newest event', async () => {
    const store = new InMemoryRealtimeStore({ recentTtlSeconds: 3 * 24 * 60 * 60 });
    await store.record([liked('older', 'a', BASE_MS)]);
    await store.record(
      Array.from({ length: 1_100 }, (_, n) => liked(`u${n}`, 'b', BASE_MS + 2 * DAY_MS)),
    );
    expect(await store.recentInteractions('older', 5)).toHaveLength(1);
  });
});

describe('InMemoryPopularity', () => {
  it('trims back to maxItems once 10% over, keeping the most popular', () => {
    const popularity = new InMemoryPopularity({ halfLifeMs: DAY_MS, maxItems: 10 });
    for (let weight = 1; weight <= 11; weight += 1) {
      popularity.add(`w${weight}`, { weight, eventTimeMs: BASE_MS });
    }
    expect(popularity.size).toBe(11);
    popularity.add('w12', { weight: 12, eventTimeMs: BASE_MS });
    expect(popularity.size).toBe(10);
    expect(popularity.top(3, BASE_MS).map((item) => item.itemId)).toEqual(['w12', 'w11', 'w10']);
    expect(popularity.top(20, BASE_MS).map((item) => item.itemId)).not.toContain('w2');
  });

  it('orders equal scores by item id, descending in UTF-8 bytes, as Redis does', () => {
    const popularity = new InMemoryPopularity({ halfLifeMs: DAY_MS, maxItems: 10 });
    for (const itemId of ['b', 'é', 'z'])
      popularity.add(itemId, { weight: 1, eventTimeMs: BASE_MS });
    expect(popularity.top(3, BASE_MS).map((item) => item.itemId)).toEqual(['é', 'z', 'b']);
  });
});
