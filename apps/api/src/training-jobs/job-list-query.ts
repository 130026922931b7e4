import { z } from 'zod';
import { decodeJobCursor, JOB_STATUSES, type JobListQuery } from '@recsys/domain';
import { parseInput } from '../http/parse-input';

export const JOB_LIST_DEFAULT_LIMIT = 20;
export const JOB_LIST_MAX_LIMIT = 100;

const jobListQuerySchema = z.strictObject({
  status: z
    .enum(JOB_STATUSES, { error: `status must be one of ${JOB_STATUSES.join(', ')}` })
    .optional(),
  limit: z.coerce
    .number({ error: 'limit must be a number' })
    .int({ error: 'limit must be an integer' })
    .min(1, { error: 'limit must be >= 1' })
    .max(JOB_LIST_MAX_LIMIT, { error: `limit must be <= ${JOB_LIST_MAX_LIMIT}` })
    .default(JOB_LIST_DEFAULT_LIMIT),
  cursor: z
    .string({ error: 'cursor must be a string' })
    .refine((cursor) => decodeJobCursor(cursor) !== null, {
      error: 'cursor must be the nextCursor of a previous page',
    })
    .optional(),
});

/** Query of `GET /training-jobs`: `status`, `limit` (1..100, default 20) and `cursor`, or INVALID_REQUEST. */
export function parseJobListQuery(query: unknown): JobListQuery {
  return parseInput(jobListQuerySchema, query ?? {}, 'query');
}
