// One door into the PostgreSQL adapters: the event log, triplet store and job queue on a PostgreSQL
// server or an embedded PGlite, with one schema and one code path.
export { openPostgresStorage } from './storage/open-postgres-storage';
export type { PostgresStorage } from './storage/postgres-storage';
export type { StorageTarget } from './storage/storage-target';
export { JOB_NOT_FOUND, JOB_NOT_RUNNING, JOB_ALREADY_FINISHED } from './job-queue/job-queue-errors';
export { STALE_JOB_ERROR } from './job-queue/claim-next-job';
export { findSchemaDrift } from './storage/find-schema-drift';
export { STORAGE_UNAVAILABLE, isUnavailableError } from './storage/unavailable-error';
