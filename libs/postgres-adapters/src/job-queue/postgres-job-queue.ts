import type {
  JobListQuery,
  JobPage,
  JobProgress,
  JobQueue,
  JobResult,
  TrainingJob,
} from '@recsys/domain';
import { isUuid } from '@recsys/input-rules';
import type { DataSource } from 'typeorm';
import { claimNextJob } from './claim-next-job';
import { jobAlreadyFinished, jobNotFound, jobNotRunning } from './job-queue-errors';
import { listJobs } from './list-jobs';
import { TRAINING_JOB_COLUMNS, toTrainingJob, type TrainingJobRow } from './training-job-row';
import { queryRows } from '../storage/query-rows';

const HEARTBEAT_SQL = `
  UPDATE training_jobs SET heartbeat_at = now()
  WHERE id = $1::uuid AND status = 'running' AND worker_id = $2
  RETURNING id`;

// Progress renews the lease too: a job that reports each epoch is alive.
const PROGRESS_SQL = `
  UPDATE training_jobs SET progress = $3::text::jsonb, heartbeat_at = now()
  WHERE id = $1::uuid AND status = 'running' AND worker_id = $2
  RETURNING id`;

const CANCEL_SQL = `
  UPDATE training_jobs SET status = 'cancelled', finished_at = now()
  WHERE id = $1::uuid AND status IN ('queued', 'running')
  RETURNING ${TRAINING_JOB_COLUMNS}`;

const COMPLETE_SQL = `
  UPDATE training_jobs
  SET status = 'succeeded', finished_at = now(), metrics = $2::text::jsonb, model_version = $3
  WHERE id = $1::uuid AND status = 'running'
  RETURNING id`;

const FAIL_SQL = `
  UPDATE training_jobs SET status = 'failed', finished_at = now(), error = $2
  WHERE id = $1::uuid AND status = 'running'
  RETURNING id`;

/**
 * Training jobs in `training_jobs`. A job only ever runs once (a failed job is not re-queued), so
 * `complete` and `fail` need no worker id: a job that is no longer running cannot be finished again.
 */
export class PostgresJobQueue implements JobQueue {
  constructor(private readonly dataSource: DataSource) {}

  async enqueue(params: Record<string, unknown>): Promise<TrainingJob> {
    const rows = await queryRows<TrainingJobRow>(
      this.dataSource.manager,
      `INSERT INTO training_jobs (status, params) VALUES ('queued', $1::text::jsonb)
       RETURNING ${TRAINING_JOB_COLUMNS}`,
      [JSON.stringify(params)],
    );
    return toTrainingJob(rows[0]);
  }

  async get(id: string): Promise<TrainingJob | null> {
    if (!isUuid(id)) return null;
    const rows = await queryRows<TrainingJobRow>(
      this.dataSource.manager,
      `SELECT ${TRAINING_JOB_COLUMNS} FROM training_jobs WHERE id = $1::uuid`,
      [id],
    );
    return rows.length === 0 ? null : toTrainingJob(rows[0]);
  }

  list(query: JobListQuery): Promise<JobPage> {
    return listJobs(this.dataSource.manager, query);
  }

  async claimNext(options: {
    workerId: string;
    staleAfterMs: number;
  }): Promise<TrainingJob | null> {
    const row = await this.dataSource.transaction((manager) => claimNextJob(manager, options));
    return row === null ? null : toTrainingJob(row);
  }

  async heartbeat(id: string, workerId: string): Promise<void> {
    await this.changeRunningJob({ sql: HEARTBEAT_SQL, id, parameters: [workerId], workerId });
  }

  async reportProgress(id: string, workerId: string, progress: JobProgress): Promise<void> {
    await this.changeRunningJob({
      sql: PROGRESS_SQL,
      id,
      parameters: [workerId, JSON.stringify(progress)],
      workerId,
    });
  }

  /** A running job's trainer sees the cancel at its next progress report or heartbeat and stops. */
  async cancel(id: string): Promise<TrainingJob> {
    if (!isUuid(id)) throw jobNotFound(id);
    const rows = await queryRows<TrainingJobRow>(this.dataSource.manager, CANCEL_SQL, [id]);
    if (rows.length > 0) return toTrainingJob(rows[0]);
    const job = await this.get(id);
    if (job === null) throw jobNotFound(id);
    throw jobAlreadyFinished(id, job.status);
  }

  async complete(id: string, result: JobResult): Promise<void> {
    const metrics = JSON.stringify(result.metrics);
    await this.changeRunningJob({
      sql: COMPLETE_SQL,
      id,
      parameters: [metrics, result.modelVersion],
    });
  }

  async fail(id: string, error: string): Promise<void> {
    await this.changeRunningJob({ sql: FAIL_SQL, id, parameters: [error] });
  }

  /** Runs an UPDATE that only touches job `id` while it runs; throws the reason when it touched nothing. */
  private async changeRunningJob(change: {
    sql: string;
    id: string;
    parameters: unknown[];
    workerId?: string;
  }): Promise<void> {
    if (isUuid(change.id)) {
      const rows = await queryRows(this.dataSource.manager, change.sql, [
        change.id,
        ...change.parameters,
      ]);
      if (rows.length > 0) return;
    }
    await this.throwWhyNotRunning(change.id, change.workerId);
  }

  private async throwWhyNotRunning(id: string, workerId?: string): Promise<never> {
    if (!isUuid(id)) throw jobNotFound(id);
    const rows = await queryRows<{ status: TrainingJob['status']; worker_id: string | null }>(
      this.dataSource.manager,
      'SELECT status, worker_id FROM training_jobs WHERE id = $1::uuid',
      [id],
    );
    if (rows.length === 0) throw jobNotFound(id);
    throw jobNotRunning(id, { status: rows[0].status, workerId: rows[0].worker_id }, workerId);
  }
}
