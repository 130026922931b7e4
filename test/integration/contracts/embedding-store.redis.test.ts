// The embedding-store contract against real Redis; small chunks so every section spans several keys.
import { RedisEmbeddingStore } from '@recsys/redis-adapters';
import { serviceUrls } from '../../support/services';
import { deleteKeysWithPrefix, uniqueKeyPrefix } from '../redis/redis-test-keys';
import { describeEmbeddingStoreContract } from './embedding-store-contract';

describeEmbeddingStoreContract('redis', ({ keepVersions }) => {
  const keyPrefix = uniqueKeyPrefix('embedding_store_contract');
  const store = new RedisEmbeddingStore({
    url: serviceUrls().redisUrl,
    keyPrefix,
    keepVersions,
    chunkBytes: 4096,
  });
  return Promise.resolve({
    store,
    dispose: async () => {
      await store.close();
      await deleteKeysWithPrefix(keyPrefix);
    },
  });
});
