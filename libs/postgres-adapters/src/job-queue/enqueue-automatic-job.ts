import type { AutomaticTrigger } from '@recsys/domain';
import type { EntityManager } from 'typeorm';
import { JOB_CLAIM_LOCK_KEY } from '../storage/advisory-lock-keys';
import { queryRows } from '../storage/query-rows';
import { TRAINING_JOB_COLUMNS, type TrainingJobRow } from './training-job-row';

// Only while no job is queued or running: a job already waiting or running trains on (nearly) the same data.
const ENQUEUE_IF_IDLE_SQL = `
  INSERT INTO training_jobs (status, trigger, params)
  SELECT 'queued', $1, $2::text::jsonb
  WHERE NOT EXISTS (SELECT 1 FROM training_jobs WHERE status IN ('queued', 'running'))
  RETURNING ${TRAINING_JOB_COLUMNS}`;

/**
 * Inside the caller's transaction: queues an automatic job if the queue is idle. The claimers' advisory
 * lock serialises automatic enqueues across processes (and with claims), and under READ COMMITTED the
 * insert after it sees every earlier holder's committed job, so two trainers never both queue one.
 */
export async function enqueueAutomaticJob(
  manager: EntityManager,
  job: { trigger: AutomaticTrigger; params: Record<string, unknown> },
): Promise<TrainingJobRow | null> {
  await queryRows(manager, 'SELECT pg_advisory_xact_lock($1::bigint)', [JOB_CLAIM_LOCK_KEY]);
  const rows = await queryRows<TrainingJobRow>(manager, ENQUEUE_IF_IDLE_SQL, [
    job.trigger,
    JSON.stringify(job.params),
  ]);
  return rows[0] ?? null;
}
