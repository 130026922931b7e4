// The contract of the RealtimeStore port, written once and run against every adapter: real Redis and the
// in-memory store of the embedded mode.
import { DomainError, type RealtimeStore } from '@recsys/domain';
import { describeChangeAnnouncements } from './realtime-store-contract-changes';
import { burst, HOUR_MS, realtimeEvent, timeAt, BASE_TIME_MS } from './realtime-store-fixtures';

/** One store on storage of its own (a fresh key prefix for Redis), disposed after each test. */
export interface RealtimeStoreHarness {
  store: RealtimeStore;
  dispose(): Promise<void>;
}

/** Settings every adapter must honour. */
export interface RealtimeStoreContractOptions {
  maxRecentPerUser: number;
  popularityHalfLifeMs: number;
}

const DEFAULT_OPTIONS: RealtimeStoreContractOptions = {
  maxRecentPerUser: 50,
  popularityHalfLifeMs: HOUR_MS,
};

const itemIdsOf = (list: { itemId: string }[]) => list.map((entry) => entry.itemId);
const atHour = (hours: number) => new Date(BASE_TIME_MS + hours * HOUR_MS);

async function codeOf(work: Promise<unknown>): Promise<string | undefined> {
  try {
    await work;
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? error.code : `not a DomainError: ${String(error)}`;
  }
}

/** Declares the RealtimeStore contract tests against the stores that `create` makes. */
export function describeRealtimeStoreContract(
  name: string,
  create: (options: RealtimeStoreContractOptions) => Promise<RealtimeStoreHarness>,
): void {
  describe(`RealtimeStore contract: ${name}`, () => {
    let harnesses: RealtimeStoreHarness[] = [];
    const open = async (options: Partial<RealtimeStoreContractOptions> = {}) => {
      const harness = await create({ ...DEFAULT_OPTIONS, ...options });
      harnesses.push(harness);
      return harness.store;
    };

    afterEach(async () => {
      await Promise.all(harnesses.map((harness) => harness.dispose()));
      harnesses = [];
    });

    describeRecentInteractions(open);
    describePopularity(open);
    describeChangeAnnouncements(() => open());

    it('rejects a negative or fractional limit with INVALID_LIMIT', async () => {
      const store = await open();
      expect(await codeOf(store.recentInteractions('u1', -1))).toBe('INVALID_LIMIT');
      expect(await codeOf(store.popularItems(1.5, atHour(0)))).toBe('INVALID_LIMIT');
    });

    it('rejects a batch holding an unparseable timestamp with INVALID_EVENT', async () => {
      const store = await open();
      const bad = realtimeEvent({ itemId: 'a', minute: 0 });
      bad.event.timestamp = 'not a time';
      expect(await codeOf(store.record([bad]))).toBe('INVALID_EVENT');
    });
  });
}

type Open = (options?: Partial<RealtimeStoreContractOptions>) => Promise<RealtimeStore>;

function describeRecentInteractions(open: Open): void {
  it('has no recent interactions for an unknown user', async () => {
    const store = await open();
    await store.record([realtimeEvent({ userId: 'someone-else', itemId: 'a', minute: 0 })]);
    expect(await store.recentInteractions('nobody', 10)).toEqual([]);
  });

  it('lists newest first by event time, not by the order of recording', async () => {
    const store = await open();
    await store.record([
      realtimeEvent({ itemId: 'b', minute: 20 }),
      realtimeEvent({ itemId: 'a', minute: 10 }),
    ]);
    await store.record([
      realtimeEvent({ itemId: 'd', minute: 5 }),
      realtimeEvent({ itemId: 'c', minute: 30 }),
    ]);
    expect(itemIdsOf(await store.recentInteractions('u1', 10))).toEqual(['c', 'b', 'a', 'd']);
  });

  it('keeps one entry per item: a newer event replaces it, a late older or equally old one does not', async () => {
    const store = await open();
    await store.record([
      realtimeEvent({ itemId: 'a', minute: 1, polarity: 0, type: 'view' }),
      realtimeEvent({ itemId: 'b', minute: 2 }),
      realtimeEvent({ itemId: 'a', minute: 3, weight: 3, type: 'purchase' }),
    ]);
    await store.record([
      realtimeEvent({ itemId: 'b', minute: 0, polarity: -1 }),
      realtimeEvent({ itemId: 'a', minute: 3, polarity: -1 }),
    ]);
    expect(await store.recentInteractions('u1', 10)).toEqual([
      { itemId: 'a', polarity: 1, weight: 3, at: timeAt(3) },
      { itemId: 'b', polarity: 1, weight: 1, at: timeAt(2) },
    ]);
  });

  it('orders interactions of the same time by item id, descending in UTF-8 bytes', async () => {
    const store = await open();
    await store.record(['b', 'é', 'z'].map((itemId) => realtimeEvent({ itemId, minute: 7 })));
    expect(itemIdsOf(await store.recentInteractions('u1', 10))).toEqual(['é', 'z', 'b']);
  });

  it('is unchanged by a replayed batch', async () => {
    const store = await open();
    const batch = [
      realtimeEvent({ itemId: 'a', minute: 1 }),
      realtimeEvent({ itemId: 'b', minute: 2, polarity: -1 }),
    ];
    await store.record(batch);
    const before = await store.recentInteractions('u1', 10);
    await store.record(batch);
    expect(await store.recentInteractions('u1', 10)).toEqual(before);
    expect(before).toHaveLength(2);
  });

  it('keeps polarity, the weight of liked interactions only, and the event time', async () => {
    const store = await open();
    await store.record([
      realtimeEvent({ itemId: 'liked', minute: 3, weight: 2, type: 'add_to_cart' }),
      realtimeEvent({ itemId: 'unliked', minute: 2, polarity: -1, weight: 5 }),
      realtimeEvent({ itemId: 'neutral', minute: 1, polarity: 0 }),
    ]);
    expect(await store.recentInteractions('u1', 10)).toEqual([
      { itemId: 'liked', polarity: 1, weight: 2, at: timeAt(3) },
      { itemId: 'unliked', polarity: -1, weight: 0, at: timeAt(2) },
      { itemId: 'neutral', polarity: 0, weight: 0, at: timeAt(1) },
    ]);
  });

  it('trims to maxRecentPerUser, dropping the oldest, and honours the read limit', async () => {
    const store = await open({ maxRecentPerUser: 3 });
    await store.record(
      [0, 1, 2, 3].map((minute) => realtimeEvent({ itemId: `i${minute}`, minute })),
    );
    await store.record([realtimeEvent({ itemId: 'i9', minute: 9 })]);
    expect(itemIdsOf(await store.recentInteractions('u1', 10))).toEqual(['i9', 'i3', 'i2']);
    expect(itemIdsOf(await store.recentInteractions('u1', 2))).toEqual(['i9', 'i3']);
    expect(await store.recentInteractions('u1', 0)).toEqual([]);
    // A trimmed item comes back when it is used again.
    await store.record([realtimeEvent({ itemId: 'i0', minute: 10 })]);
    expect(itemIdsOf(await store.recentInteractions('u1', 10))).toEqual(['i0', 'i9', 'i3']);
  });

  it('records one batch for many users, each user keeping only their own items', async () => {
    const store = await open({ maxRecentPerUser: 5 });
    const users = Array.from({ length: 50 }, (_, u) => `user-${u}`);
    // 500 events: every user touches 10 items, item j of user u at minute j, so items 9..5 survive.
    const batch = users.flatMap((userId, u) =>
      Array.from({ length: 10 }, (_, j) =>
        realtimeEvent({ userId, itemId: `u${u}-i${j}`, minute: j }),
      ),
    );
    await store.record(batch);
    const lists = await Promise.all(users.map((userId) => store.recentInteractions(userId, 10)));
    lists.forEach((list, u) =>
      expect(itemIdsOf(list)).toEqual([9, 8, 7, 6, 5].map((j) => `u${u}-i${j}`)),
    );
  });
}

function describePopularity(open: Open): void {
  it('has no popular items before any liked event', async () => {
    const store = await open();
    expect(await store.popularItems(10, atHour(0))).toEqual([]);
  });

  it('ranks by decayed weight: an older burst against newer, smaller events', async () => {
    const store = await open({ popularityHalfLifeMs: HOUR_MS });
    await store.record([
      ...burst({ itemId: 'old-burst', minute: 0, count: 8 }),
      realtimeEvent({ itemId: 'new-big', minute: 120, weight: 3, type: 'purchase' }),
      realtimeEvent({ itemId: 'new-small', minute: 120 }),
    ]);
    // At hour 2 (two half-lives after the burst): old-burst 8 / 4 = 2, new-big 3, new-small 1.
    const atTwo = await store.popularItems(10, atHour(2));
    expect(itemIdsOf(atTwo)).toEqual(['new-big', 'old-burst', 'new-small']);
    [3, 2, 1].forEach((score, i) => expect(atTwo[i].score).toBeCloseTo(score, 9));
    // One more half-life halves every score and keeps the order.
    const atThree = await store.popularItems(10, atHour(3));
    expect(itemIdsOf(atThree)).toEqual(itemIdsOf(atTwo));
    [1.5, 1, 0.5].forEach((score, i) => expect(atThree[i].score).toBeCloseTo(score, 9));
  });

  it('adds up events of one item across batches, each decayed from its own time', async () => {
    const store = await open({ popularityHalfLifeMs: HOUR_MS });
    await store.record([realtimeEvent({ itemId: 'a', minute: 0, weight: 4 })]);
    await store.record([realtimeEvent({ userId: 'u2', itemId: 'a', minute: 60, weight: 1 })]);
    // At hour 1: 4 / 2 + 1 = 3.
    const [item] = await store.popularItems(1, atHour(1));
    expect(item.itemId).toBe('a');
    expect(item.score).toBeCloseTo(3, 9);
  });

  it('counts only liked events', async () => {
    const store = await open();
    await store.record([
      realtimeEvent({ itemId: 'disliked', minute: 0, polarity: -1 }),
      realtimeEvent({ itemId: 'viewed', minute: 0, polarity: 0 }),
      realtimeEvent({ itemId: 'clicked', minute: 0, type: 'click' }),
    ]);
    expect(itemIdsOf(await store.popularItems(10, atHour(0)))).toEqual(['clicked']);
  });

  it('returns at most `limit` items, the most popular ones', async () => {
    const store = await open();
    await store.record(
      [1, 2, 3, 4, 5].map((weight) => realtimeEvent({ itemId: `w${weight}`, minute: 0, weight })),
    );
    expect(itemIdsOf(await store.popularItems(2, atHour(0)))).toEqual(['w5', 'w4']);
    expect(await store.popularItems(0, atHour(0))).toEqual([]);
  });
}
