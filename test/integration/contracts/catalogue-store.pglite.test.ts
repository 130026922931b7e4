// The catalogue-store contract against the embedded PGlite (in memory).
import { openInMemoryPglite } from '../postgres/storage-harness';
import { describeCatalogueStoreContract } from './catalogue-store-contract';

describeCatalogueStoreContract('pglite', async () => {
  const storage = await openInMemoryPglite();
  return { ...storage, dispose: storage.close };
});
