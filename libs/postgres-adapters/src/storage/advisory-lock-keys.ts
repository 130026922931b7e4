// Keys of the PostgreSQL advisory locks this library takes (bigint, passed as text). Arbitrary but fixed:
// every process that shares a database must use the same ones.

/** Held (session level) while migrations run, so processes starting together migrate one at a time. */
export const MIGRATION_LOCK_KEY = '720310001';

/** Held (transaction level) while a training job is claimed, so claims from many trainers are serialised. */
export const JOB_CLAIM_LOCK_KEY = '720310002';

/** Held (transaction level) by every catalogue write, so revisions become visible in the order they are taken. */
export const CATALOGUE_WRITE_LOCK_KEY = '720310003';
