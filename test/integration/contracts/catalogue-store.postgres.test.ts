// The catalogue-store contract against a real PostgreSQL server (a database of its own for the suite).
import { openRealPostgresStorage } from '../postgres/storage-harness';
import { describeCatalogueStoreContract } from './catalogue-store-contract';

describeCatalogueStoreContract('postgres', async () => {
  const storage = await openRealPostgresStorage('catalogue_store_contract');
  return { ...storage, dispose: storage.close };
});
