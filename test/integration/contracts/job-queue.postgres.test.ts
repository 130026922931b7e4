// The job-queue contract against a real PostgreSQL server (a database of its own for the suite).
import { openRealPostgresStorage } from '../postgres/storage-harness';
import { describeJobQueueContract } from './job-queue-contract';

describeJobQueueContract('postgres', async () => {
  const storage = await openRealPostgresStorage('job_queue_contract');
  return { ...storage, dispose: storage.close };
});
