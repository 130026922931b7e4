import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { DomainError, trainingJobParamsSchema, type TrainingJob } from '@recsys/domain';
import { Access } from '../access/access-level.decorator';
import { API_DEPENDENCIES, type ApiDependencies } from '../api-dependencies';
import { parseInput } from '../http/parse-input';

/** Creates training jobs and reports their status; the trainer claims and runs them. */
@Controller('training-jobs')
export class TrainingJobsController {
  constructor(@Inject(API_DEPENDENCIES) private readonly deps: ApiDependencies) {}

  /** Queues a job; the body is optional and may override hyper-parameters (see TrainingJobParams). */
  @Post()
  @HttpCode(201)
  @Access('write')
  async create(@Body() body: unknown): Promise<TrainingJob> {
    const params = parseInput(trainingJobParamsSchema, body ?? {}, 'training job parameters');
    return this.deps.jobQueue.enqueue(params);
  }

  @Get(':id')
  @Access('read')
  async get(@Param('id') id: string): Promise<TrainingJob> {
    // The job queue answers null for an id that is not a UUID (it cannot exist).
    const job = await this.deps.jobQueue.get(id);
    if (!job) throw new DomainError('JOB_NOT_FOUND', `no training job with id ${id}`);
    return job;
  }
}
