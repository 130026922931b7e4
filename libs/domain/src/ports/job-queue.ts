export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

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
  enqueue(params: Record<string, unknown>): Promise<TrainingJob>;
  get(id: string): Promise<TrainingJob | null>;
  claimNext(options: { workerId: string; staleAfterMs: number }): Promise<TrainingJob | null>;
  heartbeat(id: string, workerId: string): Promise<void>;
  complete(id: string, result: JobResult): Promise<void>;
  fail(id: string, error: string): Promise<void>;
}
