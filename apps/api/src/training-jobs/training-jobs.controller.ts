import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { DomainError, trainingJobParamsSchema, type TrainingJob } from '@recsys/domain';
import { Access } from '../access/access-level.decorator';
import { API_DEPENDENCIES, type ApiDependencies } from '../api-dependencies';

/** Creates training jobs and reports their status; the trainer claims and runs them. */
@Controller('training-jobs')
export class TrainingJobsController {
  constructor(@Inject(API_DEPENDENCIES) private readonly deps: ApiDependencies) {}

  /** Queues a job; the body is optional and may override hyper-parameters (see TrainingJobParams). */
  @Post()
  @HttpCode(201)
  @Access('write')
  async create(@Body() body: unknown): Promise<TrainingJob> {
    const parsed = trainingJobParamsSchema.safeParse(body ?? {});
    if (!parsed.success) {
      const errors = parsed.error.issues.map((issue) => ({
        field: issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue.path.join('.'),
        message: issue.code === 'unrecognized_keys' ? 'unknown field' : issue.message,
      }));
      throw new DomainError('INVALID_REQUEST', 'invalid training job parameters', { errors });
    }
    return this.deps.jobQueue.enqueue(parsed.data);
  }

  @Get(':id')
  @Access('read')
  async get(@Param('id') id: string): Promise<TrainingJob> {
    const job = isUuid(id) ? await this.deps.jobQueue.get(id) : null;
    if (!job) throw new DomainError('JOB_NOT_FOUND', `no training job with id ${id}`);
    return job;
  }
}

// Job ids are UUIDs; anything else cannot exist (and would make Postgres reject the query).
function isUuid(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
}
