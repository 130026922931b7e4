// One door into the Redis adapters: the only code that knows Redis key formats and channels.
export { RedisEmbeddingStore } from './embedding-store/redis-embedding-store';
export type { RedisEmbeddingStoreOptions } from './embedding-store/redis-embedding-store';
export type { StoreSettings as RedisEmbeddingStoreSettings } from './embedding-store/store-settings';
export { openRedisConnection } from './open-redis-connection';
export type { RedisConnectionOptions } from './open-redis-connection';
export {
  RedisRealtimeStore,
  type RedisRealtimeStoreOptions,
} from './realtime-store/redis-realtime-store';
