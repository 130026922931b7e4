// The realtime-store contract against real Redis, each test under a key prefix of its own.
import { RedisRealtimeStore } from '@recsys/redis-adapters';
import { serviceUrls } from '../../support/services';
import { deleteKeysWithPrefix, uniqueKeyPrefix } from '../redis/redis-test-keys';
import { describeRealtimeStoreContract } from './realtime-store-contract';

describeRealtimeStoreContract('redis', (options) => {
  const keyPrefix = uniqueKeyPrefix('realtime_store_contract');
  // Reads get 2 s, not the 50 ms default: these tests check behaviour on a shared, busy server.
  const store = new RedisRealtimeStore({
    url: serviceUrls().redisUrl,
    keyPrefix,
    readTimeoutMs: 2_000,
    ...options,
  });
  return Promise.resolve({
    store,
    dispose: async () => {
      await store.close();
      await deleteKeysWithPrefix(keyPrefix);
    },
  });
});
