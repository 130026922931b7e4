// What only the Redis realtime store can show about change announcements: they cross processes, stay within
// one key prefix, and tell a watcher exactly when they stop and start again (a lost connection, a server
// that was away at the start, a message this version cannot read).
import { RedisRealtimeStore, type RedisRealtimeStoreOptions } from '@recsys/redis-adapters';
import Redis from 'ioredis';
import { serviceUrls } from '../../support/services';
import { realtimeEvent } from '../contracts/realtime-store-fixtures';
import { RecordingWatcher } from '../contracts/realtime-store-watcher';
import { deleteKeysWithPrefix, uniqueKeyPrefix } from './redis-test-keys';
import { startTcpProxy } from './realtime-store-sockets';

describe('RedisRealtimeStore change announcements', () => {
  const keyPrefix = uniqueKeyPrefix('redis_realtime_changes');
  const stores: RedisRealtimeStore[] = [];
  const open = (options: Partial<RedisRealtimeStoreOptions> = {}): RedisRealtimeStore => {
    const store = new RedisRealtimeStore({
      url: serviceUrls().redisUrl,
      keyPrefix,
      readTimeoutMs: 2_000,
      ...options,
    });
    stores.push(store);
    return store;
  };
  const watch = async (store: RedisRealtimeStore) => {
    const watcher = new RecordingWatcher();
    await store.watchUsers(watcher);
    return watcher;
  };
  const redisTarget = () => {
    const url = new URL(serviceUrls().redisUrl);
    return { host: url.hostname, port: Number(url.port || 6379) };
  };

  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    await deleteKeysWithPrefix(keyPrefix);
  });

  it('tells the watchers of another process sharing the key prefix, and none under another prefix', async () => {
    const ingestor = open();
    const api = await watch(open());
    const elsewhere = await watch(open({ keyPrefix: uniqueKeyPrefix('redis_realtime_other') }));
    await ingestor.record([realtimeEvent({ userId: 'u1', itemId: 'a', minute: 0 })]);
    await api.waitForChangeOf('u1');
    expect(api.changes).toEqual([['u1']]);
    expect(elsewhere.changes).toEqual([]);
  });

  it("says 'lost' when the connection drops and 'live' once subscribed again, then announces again", async () => {
    const proxy = await startTcpProxy(redisTarget());
    try {
      const watcher = await watch(open({ url: `redis://127.0.0.1:${proxy.port}` }));
      await proxy.cut();
      await watcher.waitForResets('lost');
      await proxy.restore();
      await watcher.waitForResets('live', 2);
      expect(watcher.resets).toEqual(['live', 'lost', 'live']);
      await open().record([realtimeEvent({ userId: 'u1', itemId: 'a', minute: 0 })]);
      await watcher.waitForChangeOf('u1');
    } finally {
      await proxy.cut();
    }
  });

  it("returns from watchUsers while Redis is away, and says 'live' once it is reachable", async () => {
    const proxy = await startTcpProxy(redisTarget());
    try {
      await proxy.cut();
      const store = open({ url: `redis://127.0.0.1:${proxy.port}`, connectTimeoutMs: 500 });
      const watcher = await watch(store);
      expect(watcher.calls).toEqual([]);
      await proxy.restore();
      await watcher.waitForResets('live');
      await open().record([realtimeEvent({ userId: 'u2', itemId: 'a', minute: 0 })]);
      await watcher.waitForChangeOf('u2');
      expect(watcher.calls).toEqual([{ reset: 'live' }, { changed: ['u2'] }]);
    } finally {
      await proxy.cut();
    }
  });

  it('treats a message it cannot read as a reset: every watcher must forget what it knew', async () => {
    const watcher = await watch(open());
    const publisher = new Redis(serviceUrls().redisUrl, { maxRetriesPerRequest: 2 });
    try {
      await publisher.publish(`${keyPrefix}realtime:v1:changed-users`, 'not a list of users');
      await watcher.waitForResets('live', 2);
      expect(watcher.calls).toEqual([{ reset: 'live' }, { reset: 'live' }]);
    } finally {
      await publisher.quit();
    }
  });
});
