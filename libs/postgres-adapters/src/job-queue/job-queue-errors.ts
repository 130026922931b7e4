import { DomainError, type JobStatus } from '@recsys/domain';

/** Stable error codes of the job queue. */
export const JOB_NOT_FOUND = 'JOB_NOT_FOUND';
export const JOB_NOT_RUNNING = 'JOB_NOT_RUNNING';
export const JOB_ALREADY_FINISHED = 'JOB_ALREADY_FINISHED';

/** The error for an operation on a job id that does not exist. */
export function jobNotFound(id: string): DomainError {
  return new DomainError(JOB_NOT_FOUND, `training job ${id} does not exist`, { id });
}

/** The error for finishing or heartbeating a job that is not (or no longer) running for the caller. */
export function jobNotRunning(
  id: string,
  found: { status: JobStatus; workerId: string | null },
  expectedWorkerId?: string,
): DomainError {
  const owner = expectedWorkerId === undefined ? '' : ` by worker ${expectedWorkerId}`;
  return new DomainError(
    JOB_NOT_RUNNING,
    `training job ${id} is not running${owner} (status ${found.status}, worker ${found.workerId ?? 'none'})`,
    { id, status: found.status, workerId: found.workerId },
  );
}

/** The error for cancelling a job that has already ended (succeeded, failed or cancelled). */
export function jobAlreadyFinished(id: string, status: JobStatus): DomainError {
  return new DomainError(
    JOB_ALREADY_FINISHED,
    `training job ${id} has already finished (status ${status}) and cannot be cancelled`,
    { id, status },
  );
}
