// The job-queue contract against the embedded PGlite (in memory).
import { openInMemoryPglite } from '../postgres/storage-harness';
import { describeJobQueueContract } from './job-queue-contract';

describeJobQueueContract('pglite', async () => {
  const storage = await openInMemoryPglite();
  return { ...storage, dispose: storage.close };
});
