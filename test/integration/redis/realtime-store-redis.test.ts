// What only the Redis realtime store can show: what it leaves in Redis, two processes sharing it, and
// failing fast when Redis is unreachable, silent or lost (the api then serves without realtime data).
import { DomainError } from '@recsys/domain';
import { RedisRealtimeStore, type RedisRealtimeStoreOptions } from '@recsys/redis-adapters';
import Redis from 'ioredis';
import { serviceUrls } from '../../support/services';
import { HOUR_MS, realtimeEvent } from '../contracts/realtime-store-fixtures';
import { deleteKeysWithPrefix, keysWithPrefix, uniqueKeyPrefix } from './redis-test-keys';
import { closedPort, startSilentServer, startTcpProxy } from './realtime-store-sockets';

const NOW = new Date('2026-03-01T00:00:00Z');

describe('RedisRealtimeStore', () => {
  const keyPrefix = uniqueKeyPrefix('redis_realtime_store');
  const stores: RedisRealtimeStore[] = [];
  let redis: Redis;
  const open = (options: Partial<RedisRealtimeStoreOptions> = {}): RedisRealtimeStore => {
    // Reads get 2 s unless a test says otherwise: the server is shared and may be busy.
    const store = new RedisRealtimeStore({
      url: serviceUrls().redisUrl,
      keyPrefix,
      readTimeoutMs: 2_000,
      ...options,
    });
    stores.push(store);
    return store;
  };

  beforeAll(() => {
    redis = new Redis(serviceUrls().redisUrl, { maxRetriesPerRequest: 2 });
  });

  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    await deleteKeysWithPrefix(keyPrefix);
  });

  afterAll(async () => {
    await redis.quit();
  });

  it('keeps two keys per user, expiring after recentTtlSeconds, and one popularity set that never expires', async () => {
    const store = open({ recentTtlSeconds: 600, maxRecentPerUser: 2 });
    await store.record([
      realtimeEvent({ userId: 'u1', itemId: 'a', minute: 0 }),
      realtimeEvent({ userId: 'u1', itemId: 'b', minute: 1, polarity: -1 }),
      realtimeEvent({ userId: 'u2', itemId: 'c', minute: 2, polarity: 0 }),
    ]);
    await store.record([realtimeEvent({ userId: 'u1', itemId: 'd', minute: 3 })]);
    const keys = (await keysWithPrefix(keyPrefix)).sort();
    expect(keys).toEqual(
      [
        'realtime:v1:popularity:604800000',
        'realtime:v1:recent-details:{u1}',
        'realtime:v1:recent-details:{u2}',
        'realtime:v1:recent:{u1}',
        'realtime:v1:recent:{u2}',
      ].map((key) => keyPrefix + key),
    );
    for (const key of keys.filter((name) => name.includes(':recent'))) {
      const ttlSeconds = await redis.ttl(key);
      expect(ttlSeconds).toBeGreaterThan(590);
      expect(ttlSeconds).toBeLessThanOrEqual(600);
    }
    expect(await redis.ttl(`${keyPrefix}realtime:v1:popularity:604800000`)).toBe(-1);
    // Trimming removes an item from the sorted set and the details hash alike.
    expect(await redis.zrange(`${keyPrefix}realtime:v1:recent:{u1}`, 0, -1)).toEqual(['b', 'd']);
    expect((await redis.hkeys(`${keyPrefix}realtime:v1:recent-details:{u1}`)).sort()).toEqual([
      'b',
      'd',
    ]);
  });

  it('trims the popularity set to maxPopularItems, keeping the most popular', async () => {
    const store = open({ maxPopularItems: 5 });
    const weights = Array.from({ length: 20 }, (_, i) => i + 1);
    await store.record(
      weights.map((weight) => realtimeEvent({ itemId: `w${weight}`, minute: 0, weight })),
    );
    await store.record([realtimeEvent({ itemId: 'w1', minute: 0, weight: 100 })]);
    expect(await redis.zcard(`${keyPrefix}realtime:v1:popularity:604800000`)).toBe(5);
    const popular = await store.popularItems(10, NOW);
    expect(popular.map((item) => item.itemId)).toEqual(['w1', 'w20', 'w19', 'w18', 'w17']);
  });

  it('lets one process write what another reads', async () => {
    const ingestor = open({ popularityHalfLifeMs: HOUR_MS });
    const api = open({ popularityHalfLifeMs: HOUR_MS });
    await ingestor.record([realtimeEvent({ itemId: 'a', minute: 0, weight: 2 })]);
    expect((await api.recentInteractions('u1', 5)).map((entry) => entry.itemId)).toEqual(['a']);
    const popular = await api.popularItems(5, NOW);
    expect(popular.map((item) => item.itemId)).toEqual(['a']);
    expect(popular[0].score).toBeCloseTo(2, 9);
  });

  it('fails fast with REALTIME_STORE_UNAVAILABLE where nothing listens, without waiting out the read timeout', async () => {
    const store = open({ url: `redis://127.0.0.1:${await closedPort()}` });
    for (const call of [
      () => store.recentInteractions('u1', 10),
      () => store.popularItems(10, NOW),
      () => store.recentInteractions('u1', 10),
      () => store.record([realtimeEvent({ itemId: 'a', minute: 0 })]),
    ]) {
      const outcome = await timed(call);
      expect(outcome.code).toBe('REALTIME_STORE_UNAVAILABLE');
      expect(outcome.elapsedMs).toBeLessThan(1_000);
    }
  });

  it('gives up on a server that accepts connections but never answers after readTimeoutMs', async () => {
    const silent = await startSilentServer();
    try {
      const store = open({ url: `redis://127.0.0.1:${silent.port}`, readTimeoutMs: 50 });
      for (const call of [
        () => store.recentInteractions('u1', 10),
        () => store.popularItems(5, NOW),
      ]) {
        const outcome = await timed(call);
        expect(outcome.code).toBe('REALTIME_STORE_UNAVAILABLE');
        expect(outcome.elapsedMs).toBeLessThan(1_000);
      }
    } finally {
      silent.close();
    }
  });

  it('fails at once while the connection is lost and serves again once Redis is back', async () => {
    const target = new URL(serviceUrls().redisUrl);
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 6379) });
    try {
      const store = open({ url: `redis://127.0.0.1:${proxy.port}`, readTimeoutMs: 50 });
      await store.record([realtimeEvent({ itemId: 'a', minute: 0 })]);
      await proxy.cut();
      const down = await eventually(
        () => timed(() => store.recentInteractions('u1', 5)),
        (o) => o.code !== undefined,
      );
      expect(down.code).toBe('REALTIME_STORE_UNAVAILABLE');
      expect(down.elapsedMs).toBeLessThan(1_000);
      await proxy.restore();
      const up = await eventually(
        () => timed(() => store.recentInteractions('u1', 5)),
        (o) => o.code === undefined,
      );
      expect(up.result).toEqual([expect.objectContaining({ itemId: 'a' })]);
    } finally {
      await proxy.cut();
    }
  });
});

interface Outcome {
  code?: string;
  result?: unknown;
  elapsedMs: number;
}

async function timed(call: () => Promise<unknown>): Promise<Outcome> {
  const startedMs = performance.now();
  try {
    const result = await call();
    return { result, elapsedMs: performance.now() - startedMs };
  } catch (error) {
    const code = error instanceof DomainError ? error.code : `not a DomainError: ${String(error)}`;
    return { code, elapsedMs: performance.now() - startedMs };
  }
}

/** Repeats `attempt` until `done` holds for its outcome; a deadline against hangs, not a speed check. */
async function eventually(
  attempt: () => Promise<Outcome>,
  done: (outcome: Outcome) => boolean,
): Promise<Outcome> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const outcome = await attempt();
    if (done(outcome)) return outcome;
    if (Date.now() > deadline) throw new Error(`still ${JSON.stringify(outcome)} after 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
