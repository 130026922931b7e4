// The triplet-store contract against a real PostgreSQL server (a database of its own for the suite).
import { openRealPostgresStorage } from '../postgres/storage-harness';
import { describeTripletStoreContract } from './triplet-store-contract';

describeTripletStoreContract('postgres', async () => {
  const storage = await openRealPostgresStorage('triplet_store_contract');
  return { ...storage, dispose: storage.close };
});
