import type { EntityManager } from 'typeorm';
import { JOB_CLAIM_LOCK_KEY } from '../storage/advisory-lock-keys';
import { TRAINING_JOB_COLUMNS, type TrainingJobRow } from './training-job-row';
import { queryRows } from '../storage/query-rows';

/** The error recorded on a running job whose trainer stopped sending heartbeats. */
export const STALE_JOB_ERROR = 'trainer stopped responding';

// clock_timestamp(): the claim may have waited for the lock, so the transaction's now() can be old.
const FAIL_STALE_JOBS_SQL = `
  UPDATE training_jobs
  SET status = 'failed', error = $1, finished_at = now()
  WHERE status = 'running' AND heartbeat_at < clock_timestamp() - $2::double precision * interval '1 millisecond'`;

const CLAIM_OLDEST_SQL = `
  UPDATE training_jobs
  SET status = 'running', started_at = now(), heartbeat_at = now(), worker_id = $1
  WHERE id = (
    SELECT id FROM training_jobs
    WHERE status = 'queued'
    ORDER BY queue_position
    LIMIT 1
    FOR UPDATE SKIP LOCKED
  )
  AND NOT EXISTS (SELECT 1 FROM training_jobs WHERE status = 'running')
  RETURNING ${TRAINING_JOB_COLUMNS}`;

/**
 * Inside the caller's transaction: fails stale running jobs, then claims the oldest queued job if no job is
 * running. The transaction-level advisory lock serialises claimers across processes, and under READ
 * COMMITTED each statement after it sees every earlier claimer's committed work.
 */
export async function claimNextJob(
  manager: EntityManager,
  claim: { workerId: string; staleAfterMs: number },
): Promise<TrainingJobRow | null> {
  await queryRows(manager, 'SELECT pg_advisory_xact_lock($1::bigint)', [JOB_CLAIM_LOCK_KEY]);
  await queryRows(manager, FAIL_STALE_JOBS_SQL, [STALE_JOB_ERROR, claim.staleAfterMs]);
  const rows = await queryRows<TrainingJobRow>(manager, CLAIM_OLDEST_SQL, [claim.workerId]);
  return rows[0] ?? null;
}
