// The realtime-store contract against the in-memory store of the embedded mode.
import { InMemoryRealtimeStore } from '@recsys/embedded-adapters';
import { describeRealtimeStoreContract } from './realtime-store-contract';

describeRealtimeStoreContract('in-memory', (options) => {
  const store = new InMemoryRealtimeStore(options);
  return Promise.resolve({ store, dispose: () => store.close() });
});
