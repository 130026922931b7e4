import type { JobProgress, JobStatus, TrainingJob } from '@recsys/domain';

/** The columns of `training_jobs` that a `TrainingJob` is read from. */
export const TRAINING_JOB_COLUMNS =
  'id, status, params, created_at, started_at, finished_at, metrics, model_version, error, progress, queue_position';

type Timestamp = Date | string;

/** A `training_jobs` row as `pg` or PGlite return it (timestamps as Date, jsonb parsed). */
export interface TrainingJobRow {
  id: string;
  status: JobStatus;
  params: Record<string, unknown> | null;
  created_at: Timestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  metrics: Record<string, number> | null;
  model_version: string | null;
  error: string | null;
  progress: JobProgress | null;
  /** bigint, as a string (`pg`) or a number (PGlite). */
  queue_position: string | number;
}

/** Maps a row to the domain type, timestamps as ISO-8601 UTC strings. */
export function toTrainingJob(row: TrainingJobRow): TrainingJob {
  return {
    id: row.id,
    status: row.status,
    params: row.params ?? {},
    createdAt: toIsoString(row.created_at),
    startedAt: row.started_at === null ? null : toIsoString(row.started_at),
    finishedAt: row.finished_at === null ? null : toIsoString(row.finished_at),
    metrics: row.metrics,
    modelVersion: row.model_version,
    error: row.error,
    progress: row.progress,
  };
}

function toIsoString(value: Timestamp): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}
