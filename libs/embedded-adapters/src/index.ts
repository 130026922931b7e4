// One door into the embedded adapters: in-process stand-ins used by `npm start` (never by the tests that claim Kafka, Redis or Postgres).
export { InMemoryEmbeddingStore } from './in-memory-embedding-store';
export {
  InProcessEventChannel,
  type InProcessEventChannelOptions,
  type InProcessRedeliveryNotice,
} from './in-process-event-channel';
export { InProcessStreamStats } from './in-process-stream-stats';
export {
  InMemoryRealtimeStore,
  type InMemoryRealtimeStoreOptions,
} from './in-memory-realtime-store';
