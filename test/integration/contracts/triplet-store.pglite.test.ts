// The triplet-store contract against the embedded PGlite (in memory).
import { openInMemoryPglite } from '../postgres/storage-harness';
import { describeTripletStoreContract } from './triplet-store-contract';

describeTripletStoreContract('pglite', async () => {
  const storage = await openInMemoryPglite();
  return { ...storage, dispose: storage.close };
});
