import { Inject, Injectable } from '@nestjs/common';
import {
  DomainError,
  type JobListQuery,
  type JobPage,
  type JobQueue,
  type TrainingJob,
  type TrainingJobParams,
} from '@recsys/domain';
import { JOB_QUEUE } from '../api-ports.module';

/** Queues training jobs, lists them, reports their status and cancels them; the trainer runs them. */
@Injectable()
export class TrainingJobsService {
  constructor(@Inject(JOB_QUEUE) private readonly queue: JobQueue) {}

  enqueue(params: TrainingJobParams): Promise<TrainingJob> {
    return this.queue.enqueue(params);
  }

  list(query: JobListQuery): Promise<JobPage> {
    return this.queue.list(query);
  }

  /** The job, or JOB_NOT_FOUND. */
  async get(id: string): Promise<TrainingJob> {
    // The job queue answers null for an id that is not a UUID (it cannot exist).
    const job = await this.queue.get(id);
    if (!job) throw new DomainError('JOB_NOT_FOUND', `no training job with id ${id}`);
    return job;
  }

  /** The cancelled job; JOB_NOT_FOUND, or JOB_ALREADY_FINISHED (409) for a job that has ended. */
  cancel(id: string): Promise<TrainingJob> {
    return this.queue.cancel(id);
  }
}
