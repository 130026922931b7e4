import type { RecentInteraction } from '@recsys/domain';
import { RecentListsCache, type RecentListsCacheOptions } from './recent-interactions-cache-lists';

type List = readonly RecentInteraction[];

/** A store read the test answers by hand: each call waits until the test resolves or rejects it. */
class ControlledReads {
  readonly calls: { userId: string; resolve: (list: List) => void; reject: (e: Error) => void }[] =
    [];

  readonly read = (userId: string): Promise<List> =>
    new Promise<List>((resolve, reject) => this.calls.push({ userId, resolve, reject }));

  /** Answers the oldest unanswered read of `userId` with a list of `itemIds`. */
  answer(userId: string, itemIds: string[]): void {
    this.take(userId).resolve(listOf(itemIds));
  }

  /** Fails the oldest unanswered read of `userId`. */
  fail(userId: string, error: Error): void {
    this.take(userId).reject(error);
  }

  count(userId: string): number {
    return this.calls.filter((call) => call.userId === userId).length;
  }

  private take(userId: string) {
    const index = this.calls.findIndex((call) => call.userId === userId);
    if (index < 0) throw new Error(`no read of ${userId} waiting`);
    return this.calls.splice(index, 1)[0];
  }
}

function listOf(itemIds: string[]): List {
  return itemIds.map((itemId) => ({ itemId, polarity: 1, weight: 1, at: '2026-03-01T00:00:00Z' }));
}

const itemIdsOf = (list: List | undefined) => list?.map((entry) => entry.itemId);

function setUp(options: Partial<RecentListsCacheOptions> = {}) {
  const reads = new ControlledReads();
  const clock = { nowMs: 1_000 };
  const cache = new RecentListsCache({
    maxUsers: 100,
    ttlMs: 30_000,
    nowMs: () => clock.nowMs,
    read: reads.read,
    ...options,
  });
  cache.onReset('live');
  /** Loads `userId`, answering its read with `itemIds`. */
  const load = async (userId: string, itemIds: string[]) => {
    const loading = cache.load(userId);
    reads.answer(userId, itemIds);
    return loading;
  };
  return { cache, reads, clock, load };
}

describe('RecentListsCache', () => {
  it('misses first, reads the store once, then answers from memory synchronously', async () => {
    const { cache, reads, load } = setUp();
    expect(cache.cached('u1')).toBeUndefined();
    expect(itemIdsOf(await load('u1', ['a', 'b']))).toEqual(['a', 'b']);
    expect(itemIdsOf(cache.cached('u1'))).toEqual(['a', 'b']);
    expect(reads.calls).toHaveLength(0);
    expect(cache.size).toBe(1);
  });

  it('keeps an empty list too: most users have no recent interactions', async () => {
    const { cache, load } = setUp();
    await load('quiet', []);
    expect(cache.cached('quiet')).toEqual([]);
  });

  it('shares one read between concurrent misses of a user', async () => {
    const { cache, reads } = setUp();
    const first = cache.load('u1');
    const second = cache.load('u1');
    expect(reads.count('u1')).toBe(1);
    reads.answer('u1', ['a']);
    expect(itemIdsOf(await first)).toEqual(['a']);
    expect(await second).toBe(await first);
  });

  it('drops the lists of changed users only', async () => {
    const { cache, load } = setUp();
    await load('u1', ['a']);
    await load('u2', ['b']);
    cache.onChanged(['u1', 'unknown']);
    expect(cache.cached('u1')).toBeUndefined();
    expect(itemIdsOf(cache.cached('u2'))).toEqual(['b']);
    expect(itemIdsOf(await load('u1', ['c', 'a']))).toEqual(['c', 'a']);
  });

  it('answers a read overtaken by a change of its user, but never keeps it', async () => {
    const { cache, reads, load } = setUp();
    const stale = cache.load('u1');
    cache.onChanged(['u1']);
    // A request after the change must not join the stale read: it starts a fresh one.
    const fresh = cache.load('u1');
    expect(reads.count('u1')).toBe(2);
    reads.answer('u1', ['old']);
    expect(itemIdsOf(await stale)).toEqual(['old']);
    expect(cache.cached('u1')).toBeUndefined();
    reads.answer('u1', ['new', 'old']);
    expect(itemIdsOf(await fresh)).toEqual(['new', 'old']);
    expect(itemIdsOf(cache.cached('u1'))).toEqual(['new', 'old']);
    expect(itemIdsOf(await load('u2', ['x']))).toEqual(['x']);
  });

  it('keeps nothing before the first live, while lost, and from reads overtaken by a reset', async () => {
    const reads = new ControlledReads();
    const cache = new RecentListsCache({ maxUsers: 10, ttlMs: 1_000, nowMs: () => 0, read: reads.read }); // prettier-ignore
    const beforeLive = cache.load('u1');
    reads.answer('u1', ['a']);
    expect(itemIdsOf(await beforeLive)).toEqual(['a']);
    expect(cache.cached('u1')).toBeUndefined();
    cache.onReset('live');
    const overtaken = cache.load('u1');
    cache.onReset('lost');
    cache.onReset('live');
    reads.answer('u1', ['b']);
    await overtaken;
    expect(cache.cached('u1')).toBeUndefined();
    cache.onReset('lost');
    const whileLost = [cache.load('u2'), cache.load('u2')];
    expect(reads.count('u2')).toBe(2);
    reads.answer('u2', ['c']);
    reads.answer('u2', ['c']);
    await Promise.all(whileLost);
    expect(cache.size).toBe(0);
  });

  it('drops every list on a reset, even one that says announcements are live again', async () => {
    const { cache, load } = setUp();
    await load('u1', ['a']);
    cache.onReset('live');
    expect(cache.cached('u1')).toBeUndefined();
    await load('u1', ['a']);
    cache.onReset('lost');
    expect(cache.size).toBe(0);
  });

  it('keeps the users asked for since they were kept over those not asked for', async () => {
    const { cache, load } = setUp({ maxUsers: 3 });
    await load('u1', ['a']);
    await load('u2', ['b']);
    await load('u3', ['c']);
    cache.cached('u1');
    cache.cached('u2');
    await load('u4', ['d']); // u1 and u2 were asked for, u3 goes
    expect(cache.size).toBe(3);
    expect(cache.cached('u3')).toBeUndefined();
    await load('u5', ['e']); // u1 was not asked for since u2 was: it is next
    expect(cache.cached('u1')).toBeUndefined();
    expect(itemIdsOf(cache.cached('u2'))).toEqual(['b']);
    expect(itemIdsOf(cache.cached('u4'))).toEqual(['d']);
    expect(itemIdsOf(cache.cached('u5'))).toEqual(['e']);
  });

  it('evicts the user asked for longest ago when every kept user was asked for, never the one just read', async () => {
    const { cache, load } = setUp({ maxUsers: 2 });
    await load('u1', ['a']);
    await load('u2', ['b']);
    cache.cached('u1');
    cache.cached('u2');
    await load('u3', ['c']);
    expect(cache.size).toBe(2);
    expect(cache.cached('u1')).toBeUndefined();
    expect(itemIdsOf(cache.cached('u3'))).toEqual(['c']);
  });

  it('evicts the least recently used user beyond maxUsers', async () => {
    const { cache, load } = setUp({ maxUsers: 2 });
    await load('u1', ['a']);
    await load('u2', ['b']);
    expect(cache.cached('u1')).toBeDefined(); // u1 is now the most recently used
    await load('u3', ['c']);
    expect(cache.size).toBe(2);
    expect(cache.cached('u2')).toBeUndefined();
    expect(itemIdsOf(cache.cached('u1'))).toEqual(['a']);
    expect(itemIdsOf(cache.cached('u3'))).toEqual(['c']);
  });

  it('reads again once a kept list is ttlMs old, counted from the start of its read', async () => {
    const { cache, clock, reads } = setUp({ ttlMs: 30_000 });
    const loading = cache.load('u1');
    clock.nowMs += 5_000;
    reads.answer('u1', ['a']);
    await loading;
    clock.nowMs += 24_999;
    expect(itemIdsOf(cache.cached('u1'))).toEqual(['a']);
    clock.nowMs += 1;
    expect(cache.cached('u1')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps nothing when maxUsers is 0', async () => {
    const { cache, load } = setUp({ maxUsers: 0 });
    await load('u1', ['a']);
    expect(cache.cached('u1')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('passes a failed read on and keeps nothing, so the next request reads again', async () => {
    const { cache, reads, load } = setUp();
    const failing = cache.load('u1');
    reads.fail('u1', new Error('redis away'));
    await expect(failing).rejects.toThrow('redis away');
    expect(cache.cached('u1')).toBeUndefined();
    expect(itemIdsOf(await load('u1', ['a']))).toEqual(['a']);
  });
});
