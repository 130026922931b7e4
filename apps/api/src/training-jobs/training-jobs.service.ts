import { Inject, Injectable } from '@nestjs/common';
import {
  DomainError,
  type JobQueue,
  type TrainingJob,
  type TrainingJobParams,
} from '@recsys/domain';
import { JOB_QUEUE } from '../api-ports.module';

/** Queues training jobs and reports their status; the trainer claims and runs them. */
@Injectable()
export class TrainingJobsService {
  constructor(@Inject(JOB_QUEUE) private readonly queue: JobQueue) {}

  enqueue(params: TrainingJobParams): Promise<TrainingJob> {
    return this.queue.enqueue(params);
  }

  /** The job, or JOB_NOT_FOUND. */
  async get(id: string): Promise<TrainingJob> {
    // The job queue answers null for an id that is not a UUID (it cannot exist).
    const job = await this.queue.get(id);
    if (!job) throw new DomainError('JOB_NOT_FOUND', `no training job with id ${id}`);
    return job;
  }
}
