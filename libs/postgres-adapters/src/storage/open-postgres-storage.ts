import type { DataSource } from 'typeorm';
import { PostgresCatalogueStore } from '../catalogue-store/postgres-catalogue-store';
import { PostgresEventLog } from '../event-log/postgres-event-log';
import { PostgresJobQueue } from '../job-queue/postgres-job-queue';
import { PostgresRealtimeBacklog } from '../realtime-backlog/postgres-realtime-backlog';
import { PostgresTripletStore } from '../triplet-store/postgres-triplet-store';
import { openDataSource } from './open-data-source';
import type { PostgresStorage } from './postgres-storage';
import type { StorageTarget } from './storage-target';
import { queryRows } from './query-rows';

/**
 * Opens the storage on a PostgreSQL server or an embedded PGlite, runs pending migrations and returns the
 * event log, realtime backlog, triplet store, job queue and catalogue store sharing one connection pool.
 */
export async function openPostgresStorage(target: StorageTarget): Promise<PostgresStorage> {
  const dataSource = await openDataSource(target);
  const close = closeOnce(dataSource);
  return {
    eventLog: new PostgresEventLog(dataSource, close),
    tripletStore: new PostgresTripletStore(dataSource),
    jobQueue: new PostgresJobQueue(dataSource),
    catalogueStore: new PostgresCatalogueStore(dataSource),
    realtimeBacklog: new PostgresRealtimeBacklog(dataSource),
    ping: async () => {
      await queryRows(dataSource.manager, 'SELECT 1');
    },
    close,
  };
}

function closeOnce(dataSource: DataSource): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => {
    closing ??= dataSource.destroy();
    return closing;
  };
}
