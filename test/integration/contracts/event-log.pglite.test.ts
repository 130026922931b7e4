// The event-log contract against the embedded PGlite (in memory).
import { openInMemoryPglite } from '../postgres/storage-harness';
import { describeEventLogContract } from './event-log-contract';

describeEventLogContract('pglite', async () => {
  const storage = await openInMemoryPglite();
  return { ...storage, dispose: storage.close };
});
