// The embedding-store contract against the in-memory store of the embedded mode.
import { InMemoryEmbeddingStore } from '@recsys/embedded-adapters';
import { describeEmbeddingStoreContract } from './embedding-store-contract';

describeEmbeddingStoreContract('in-memory', ({ keepVersions }) => {
  const store = new InMemoryEmbeddingStore({ keepVersions });
  return Promise.resolve({ store, dispose: () => store.close() });
});
