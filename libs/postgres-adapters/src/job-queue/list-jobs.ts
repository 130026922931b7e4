import {
  decodeJobCursor,
  DomainError,
  encodeJobCursor,
  type JobListQuery,
  type JobPage,
} from '@recsys/domain';
import type { EntityManager } from 'typeorm';
import { TRAINING_JOB_COLUMNS, toTrainingJob, type TrainingJobRow } from './training-job-row';
import { queryRows } from '../storage/query-rows';

// Newest first by queue position (first come, first numbered); the cursor is the last position shown.
// One row more than the page tells whether an older page exists.
const LIST_SQL = `
  SELECT ${TRAINING_JOB_COLUMNS} FROM training_jobs
  WHERE ($1::text IS NULL OR status = $1::text)
    AND ($2::bigint IS NULL OR queue_position < $2::bigint)
  ORDER BY queue_position DESC
  LIMIT $3`;

/** One page of jobs, newest first; INVALID_REQUEST (field `cursor`) for a cursor this queue did not make. */
export async function listJobs(manager: EntityManager, query: JobListQuery): Promise<JobPage> {
  const before = query.cursor === undefined ? null : decodeJobCursor(query.cursor);
  if (before === null && query.cursor !== undefined) {
    throw new DomainError('INVALID_REQUEST', 'invalid job list query', {
      errors: [{ field: 'cursor', message: 'cursor must be the nextCursor of a previous page' }],
    });
  }
  const rows = await queryRows<TrainingJobRow>(manager, LIST_SQL, [
    query.status ?? null,
    before,
    query.limit + 1,
  ]);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    jobs: page.map(toTrainingJob),
    nextCursor:
      rows.length > query.limit && last ? encodeJobCursor(String(last.queue_position)) : null,
  };
}
