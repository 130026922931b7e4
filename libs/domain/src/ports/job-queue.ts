/** Every status a training job can have; `cancelled` is final, like `succeeded` and `failed`. */
export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** How far a running job is; reported by the trainer after every epoch and kept once the job ends. */
export interface JobProgress {
  /** Epochs done (1-based number of the last finished epoch). */
  epoch: number;
  /** Epochs the run will do at most. */
  epochs: number;
  /** Mean training loss of each finished epoch, in order. */
  lossPerEpoch: number[];
  /** Milliseconds since the job started. */
  elapsedMs: number;
  /** Estimated milliseconds to the last epoch (mean epoch time so far x epochs left); null if unknown. */
  remainingMs: number | null;
}

export interface TrainingJob {
  id: string;
  status: JobStatus;
  params: Record<string, unknown>;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  metrics: Record<string, number> | null;
  modelVersion: string | null;
  error: string | null;
  /** Null until the first epoch ends. */
  progress: JobProgress | null;
}

export interface JobResult {
  metrics: Record<string, number>;
  modelVersion: string | null;
}

/** One page of `list`: newest job first. */
export interface JobListQuery {
  status?: JobStatus;
  limit: number;
  /** `nextCursor` of the previous page (see job-list-cursor); absent for the first page. */
  cursor?: string;
}

export interface JobPage {
  jobs: TrainingJob[];
  /** Cursor of the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/**
 * Training jobs. `claimNext` hands out the oldest queued job only when no other job is running, so one
 * job runs at a time however many trainers poll; a running job whose heartbeat is older than
 * `staleAfterMs` is failed, so a crashed trainer cannot block the queue forever.
 */
export interface JobQueue {
  enqueue(params: Record<string, unknown>): Promise<TrainingJob>;
  get(id: string): Promise<TrainingJob | null>;
  /** Newest first, optionally of one status. */
  list(query: JobListQuery): Promise<JobPage>;
  claimNext(options: { workerId: string; staleAfterMs: number }): Promise<TrainingJob | null>;
  heartbeat(id: string, workerId: string): Promise<void>;
  /**
   * Stores the progress of a job running for `workerId` (and renews its lease). Throws JOB_NOT_RUNNING
   * when it no longer runs for that worker, e.g. because it was cancelled: the worker then stops.
   */
  reportProgress(id: string, workerId: string, progress: JobProgress): Promise<void>;
  complete(id: string, result: JobResult): Promise<void>;
  fail(id: string, error: string): Promise<void>;
  /**
   * Cancels a queued or running job (a running one stops at its trainer's next epoch end or heartbeat and
   * publishes nothing). Throws JOB_NOT_FOUND, or JOB_ALREADY_FINISHED for a job that has ended.
   */
  cancel(id: string): Promise<TrainingJob>;
}
