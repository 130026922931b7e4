export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

/** Who asked for a job: a person or program through the API, the schedule, or enough new signals. */
export type JobTrigger = 'manual' | 'schedule' | 'signals';

/** The triggers of the trainer's own automatic jobs. */
export type AutomaticTrigger = Exclude<JobTrigger, 'manual'>;

export interface TrainingJob {
  id: string;
  status: JobStatus;
  trigger: JobTrigger;
  params: Record<string, unknown>;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  metrics: Record<string, number> | null;
  modelVersion: string | null;
  error: string | null;
}

export interface JobResult {
  metrics: Record<string, number>;
  modelVersion: string | null;
}

/**
 * Training jobs. `claimNext` hands out the oldest queued job only when no other job is running, so one
 * job runs at a time however many trainers poll; a running job whose heartbeat is older than
 * `staleAfterMs` is failed, so a crashed trainer cannot block the queue forever.
 */
export interface JobQueue {
  /** Queues a manual job (always accepted). */
  enqueue(params: Record<string, unknown>): Promise<TrainingJob>;
  /**
   * Queues an automatic job only while the queue is idle (no job queued or running), atomically across
   * processes, so there is never more than one queued automatic job and none waits behind a job that
   * will train on the same data anyway; null when refused.
   */
  enqueueAutomatic(
    trigger: AutomaticTrigger,
    params: Record<string, unknown>,
  ): Promise<TrainingJob | null>;
  get(id: string): Promise<TrainingJob | null>;
  claimNext(options: { workerId: string; staleAfterMs: number }): Promise<TrainingJob | null>;
  heartbeat(id: string, workerId: string): Promise<void>;
  complete(id: string, result: JobResult): Promise<void>;
  fail(id: string, error: string): Promise<void>;
}
