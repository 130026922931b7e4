// What only the Redis store can show: several processes sharing one store, what it leaves in Redis,
// damaged data, and failing connections.
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { DomainError } from '@recsys/domain';
import { RedisEmbeddingStore, type RedisEmbeddingStoreOptions } from '@recsys/redis-adapters';
import Redis from 'ioredis';
import { serviceUrls } from '../../support/services';
import { makeModel, sameModel } from '../contracts/embedding-store-model-fixture';
import { deleteKeysWithPrefix, keysWithPrefix, uniqueKeyPrefix } from './redis-test-keys';

const SHAPE = { itemCount: 500, userCount: 30, dim: 8 };

describe('RedisEmbeddingStore', () => {
  const keyPrefix = uniqueKeyPrefix('redis_embedding_store');
  const stores: RedisEmbeddingStore[] = [];
  let redis: Redis;
  const open = (options: Partial<RedisEmbeddingStoreOptions> = {}): RedisEmbeddingStore => {
    const store = new RedisEmbeddingStore({ url: serviceUrls().redisUrl, keyPrefix, ...options });
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

  it('notifies a store in another process, which then loads the exact model', async () => {
    const trainer = open({ chunkBytes: 1024 });
    const api = open();
    const received: string[] = [];
    await api.subscribe((version) => received.push(version));
    const model = makeModel({ version: 'v1', ...SHAPE });
    await trainer.publish(model);
    await waitUntil(() => received.length === 1);
    expect(received).toEqual(['v1']);
    expect(await api.currentVersion()).toBe('v1');
    expect(sameModel((await api.load('v1'))!, model)).toBe(true);
  });

  it('leaves only the keys of kept versions, none of them expiring', async () => {
    const store = open({ keepVersions: 2, chunkBytes: 1024 });
    for (const version of ['v1', 'v2', 'v3']) {
      await store.publish(makeModel({ version, ...SHAPE }));
    }
    const keys = await keysWithPrefix(keyPrefix);
    const ofVersion = (version: string) =>
      keys.filter((key) => key.startsWith(`${keyPrefix}model:${version}:`));
    expect(ofVersion('v1')).toEqual([]);
    expect(ofVersion('v2').length).toBeGreaterThan(10);
    expect(ofVersion('v3')).toHaveLength(ofVersion('v2').length);
    const fixed = ['current', 'versions', 'sequence'].map((name) => `${keyPrefix}model:${name}`);
    expect(keys.length).toBe(fixed.length + ofVersion('v2').length + ofVersion('v3').length);
    const ttls = await Promise.all(keys.map((key) => redis.pttl(key)));
    expect(ttls.every((ttl) => ttl === -1)).toBe(true);
  });

  it('returns null, not a partial model, when a chunk has gone missing', async () => {
    const store = open({ chunkBytes: 1024 });
    await store.publish(makeModel({ version: 'v1', ...SHAPE }));
    const [chunk] = (await keysWithPrefix(keyPrefix)).filter((key) =>
      key.includes(':itemVectors:'),
    );
    await redis.del(chunk);
    expect(await store.load('v1')).toBeNull();
  });

  it('lets one of two racing publishes of a version win; the loser leaves only expiring chunks', async () => {
    const store = open({ chunkBytes: 1024, pendingChunkTtlMs: 600_000 });
    const first = makeModel({ version: 'v1', ...SHAPE });
    const second = makeModel({ version: 'v1', itemCount: 40, userCount: 3, dim: 8 });
    const outcomes = await Promise.allSettled([store.publish(first), store.publish(second)]);
    const rejected = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(rejected).toHaveLength(1);
    expect(rejected[0].reason).toBeInstanceOf(DomainError);
    expect(rejected[0].reason).toMatchObject({ code: 'MODEL_VERSION_EXISTS' });
    const winner = outcomes[0].status === 'fulfilled' ? first : second;
    expect(sameModel((await store.load('v1'))!, winner)).toBe(true);
    const ttls = await Promise.all((await keysWithPrefix(keyPrefix)).map((key) => redis.pttl(key)));
    const expiring = ttls.filter((ttl) => ttl > 0);
    expect(expiring.length).toBeGreaterThan(0);
    expect(expiring.every((ttl) => ttl <= 600_000)).toBe(true);
  });

  it('refuses new subscriptions once closed', async () => {
    const store = open();
    await store.close();
    await expect(store.subscribe(() => undefined)).rejects.toMatchObject({ code: 'STORE_CLOSED' });
  });

  it('fails, rather than hangs, when nothing listens at the address', async () => {
    const store = open({ url: 'redis://127.0.0.1:1', connectTimeoutMs: 500 });
    await expect(store.currentVersion()).rejects.toThrow();
    await expect(store.subscribe(() => undefined)).rejects.toThrow();
  });

  it('fails, rather than hangs, when the server accepts but never answers', async () => {
    const silent = await listenSilently();
    try {
      const store = open({ url: `redis://127.0.0.1:${silent.port}`, commandTimeoutMs: 300 });
      await expect(store.load('v1')).rejects.toThrow(/timed out/i);
    } finally {
      silent.close();
    }
  });
});

/** A TCP server that accepts connections and never replies, like a hung Redis; close() drops them. */
async function listenSilently(): Promise<{ port: number; close(): void }> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => {
      sockets.forEach((socket) => socket.destroy());
      server.close();
    },
  };
}

async function waitUntil(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for a notification');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
