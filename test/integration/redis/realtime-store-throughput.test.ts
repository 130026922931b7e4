// Throughput of RedisRealtimeStore.record (batches of 500, awaited one after another as one ingestor
// partition does, then two in flight) and latency of the request-path reads, on the real server. Logged
// as figures, never asserted (speed belongs to benchmarks; these machines are shared); the assertions
// check that Redis ends up with exactly what the in-memory store computes from the same events.
// Size: REALTIME_THROUGHPUT_EVENTS (default 50,000) over 5,000 users and 20,000 items (skewed).
import type { ClassifiedEvent, RealtimeStore } from '@recsys/domain';
import { InMemoryRealtimeStore } from '@recsys/embedded-adapters';
import { RedisRealtimeStore } from '@recsys/redis-adapters';
import Redis from 'ioredis';
import { serviceUrls } from '../../support/services';
import { BASE_TIME_MS } from '../contracts/realtime-store-fixtures';
import { deleteKeysWithPrefix, uniqueKeyPrefix } from './redis-test-keys';

jest.setTimeout(300_000);

const EVENT_COUNT = Number(process.env.REALTIME_THROUGHPUT_EVENTS ?? 50_000);
const BATCH_SIZE = 500;
const USERS = 5_000;
const ITEMS = 20_000;
const READS = 2_000;
const NOW = new Date(BASE_TIME_MS + EVENT_COUNT * 10);

describe(`RedisRealtimeStore with ${EVENT_COUNT} events`, () => {
  const keyPrefix = uniqueKeyPrefix('realtime_store_throughput');
  let redisStore: RedisRealtimeStore;
  let reference: Redis;
  const memoryStore = new InMemoryRealtimeStore();
  const batches = makeBatches();

  beforeAll(() => {
    // A generous read timeout: on a shared, loaded machine the tail is measured, not cut off.
    redisStore = new RedisRealtimeStore({
      url: serviceUrls().redisUrl,
      keyPrefix,
      readTimeoutMs: 5_000,
    });
    reference = new Redis(serviceUrls().redisUrl);
  });

  afterAll(async () => {
    await redisStore.close();
    await reference.quit();
    await deleteKeysWithPrefix(keyPrefix);
  });

  it('records batches of 500 and serves the same lists and popularity as the in-memory store', async () => {
    const batchMs = await recordAll(redisStore, batches);
    const referenceMs = sum(
      await timeEach(batches, (batch) => plainPipeline({ redis: reference, keyPrefix, batch })),
    );
    const memoryMs = sum(await recordAll(memoryStore, batches));
    const storeEventsPerSecond = perSecond(EVENT_COUNT, sum(batchMs));
    const referenceEventsPerSecond = perSecond(EVENT_COUNT, referenceMs);
    console.log(
      `realtime record: ${EVENT_COUNT} events in ${batches.length} batches of ${BATCH_SIZE}: ` +
        `${storeEventsPerSecond} events/s (batch p50 ${percentile(batchMs, 50).toFixed(1)} ms, ` +
        `p99 ${percentile(batchMs, 99).toFixed(1)} ms); reference plain ZADD+HSET pipeline ` +
        `${referenceEventsPerSecond} events/s (ratio ` +
        `${(storeEventsPerSecond / referenceEventsPerSecond).toFixed(2)}); in-memory store ` +
        `${perSecond(EVENT_COUNT, memoryMs)} events/s`,
    );
    for (let user = 0; user < USERS; user += 25) {
      const userId = `user-${user}`;
      expect(await redisStore.recentInteractions(userId, 50)).toEqual(
        await memoryStore.recentInteractions(userId, 50),
      );
    }
    await expectSamePopularity(redisStore, memoryStore);
  });

  it('records with two batches in flight, as an ingestor consuming two partitions does', async () => {
    const parallel = new RedisRealtimeStore({
      url: serviceUrls().redisUrl,
      keyPrefix: `${keyPrefix}parallel:`,
    });
    try {
      const halves = [0, 1].map((half) => batches.filter((_, index) => index % 2 === half));
      const startedMs = performance.now();
      await Promise.all(halves.map((half) => recordAll(parallel, half)));
      const elapsedMs = performance.now() - startedMs;
      console.log(
        `realtime record, 2 batches in flight: ${perSecond(EVENT_COUNT, elapsedMs)} events/s`,
      );
      expect(await parallel.popularItems(100, NOW)).toHaveLength(100);
    } finally {
      await parallel.close();
    }
  });

  it('answers recentInteractions and popularItems in one round trip each', async () => {
    const random = seededRandom(7);
    const userIds = Array.from({ length: READS }, () => `user-${Math.floor(random() * USERS)}`);
    await Promise.all(
      userIds.slice(0, 100).map((userId) => redisStore.recentInteractions(userId, 50)),
    );
    const recentMs = await timeEach(userIds, async (userId) => {
      expect((await redisStore.recentInteractions(userId, 50)).length).toBeGreaterThan(0);
    });
    const popularMs = await timeEach(userIds.slice(0, 500), async () => {
      expect(await redisStore.popularItems(100, NOW)).toHaveLength(100);
    });
    console.log(
      `realtime reads (sequential): recentInteractions(50) p50 ${percentile(recentMs, 50).toFixed(3)} ms, ` +
        `p99 ${percentile(recentMs, 99).toFixed(3)} ms over ${recentMs.length}; popularItems(100) ` +
        `p50 ${percentile(popularMs, 50).toFixed(3)} ms, p99 ${percentile(popularMs, 99).toFixed(3)} ms ` +
        `over ${popularMs.length}`,
    );
  });
});

async function expectSamePopularity(redisStore: RealtimeStore, memoryStore: RealtimeStore) {
  const fromRedis = await redisStore.popularItems(100, NOW);
  const fromMemory = new Map(
    (await memoryStore.popularItems(200, NOW)).map((item) => [item.itemId, item.score]),
  );
  expect(fromRedis).toHaveLength(100);
  fromRedis.forEach((item, rank) => {
    expect(Math.abs(item.score / fromMemory.get(item.itemId)! - 1)).toBeLessThan(1e-9);
    if (rank > 0) expect(item.score).toBeLessThanOrEqual(fromRedis[rank - 1].score);
  });
}

/**
 * The reference measured in the same run: the least a recent list could cost, one ZADD and one HSET per
 * event in one pipeline per batch (no script, no trimming, expiry or popularity).
 */
async function plainPipeline(options: {
  redis: Redis;
  keyPrefix: string;
  batch: ClassifiedEvent[];
}): Promise<void> {
  const { redis, keyPrefix, batch } = options;
  const pipeline = redis.pipeline();
  for (const { event } of batch) {
    const key = `${keyPrefix}reference:${event.userId}`;
    pipeline.zadd(key, Date.parse(event.timestamp), event.itemId);
    pipeline.hset(`${key}:details`, event.itemId, event.timestamp);
  }
  await pipeline.exec();
}

async function recordAll(store: RealtimeStore, batches: ClassifiedEvent[][]): Promise<number[]> {
  return timeEach(batches, (batch) => store.record(batch));
}

async function timeEach<T>(inputs: T[], work: (input: T) => Promise<unknown>): Promise<number[]> {
  const elapsedMs: number[] = [];
  for (const input of inputs) {
    const startedMs = performance.now();
    await work(input);
    elapsedMs.push(performance.now() - startedMs);
  }
  return elapsedMs;
}

/** Events 10 ms apart: 20% views, 10% dislikes, 70% liked (weight 1-3); items skewed towards low ids. */
function makeBatches(): ClassifiedEvent[][] {
  const random = seededRandom(42);
  const events = Array.from({ length: EVENT_COUNT }, (_, n): ClassifiedEvent => {
    const kind = random();
    const polarity = kind < 0.2 ? 0 : kind < 0.3 ? -1 : 1;
    const event = {
      eventId: `rt-bench-${n}`,
      userId: `user-${Math.floor(random() * USERS)}`,
      itemId: `item-${Math.floor(random() ** 2 * ITEMS)}`,
      type:
        polarity === 0
          ? ('view' as const)
          : polarity < 0
            ? ('dislike' as const)
            : ('click' as const),
      timestamp: new Date(BASE_TIME_MS + n * 10).toISOString(),
    };
    return { event, polarity, weight: polarity === 1 ? 1 + Math.floor(random() * 3) : 0 };
  });
  const batches: ClassifiedEvent[][] = [];
  for (let start = 0; start < events.length; start += BATCH_SIZE) {
    batches.push(events.slice(start, start + BATCH_SIZE));
  }
  return batches;
}

function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function perSecond(count: number, elapsedMs: number): number {
  return Math.round((count * 1_000) / elapsedMs);
}
