// The event-log contract against a real PostgreSQL server (a database of its own for the suite).
import { openRealPostgresStorage } from '../postgres/storage-harness';
import { describeEventLogContract } from './event-log-contract';

describeEventLogContract('postgres', async () => {
  const storage = await openRealPostgresStorage('event_log_contract');
  return { ...storage, dispose: storage.close };
});
