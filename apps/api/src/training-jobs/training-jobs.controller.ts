import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { trainingJobParamsSchema, type JobPage, type TrainingJob } from '@recsys/domain';
import { Access } from '../access/access-level.decorator';
import { parseInput } from '../http/parse-input';
import { parseJobListQuery } from './job-list-query';
import { TrainingJobsService } from './training-jobs.service';

/** `POST /training-jobs`, `GET /training-jobs`, `GET /training-jobs/:id` and `DELETE /training-jobs/:id`. */
@Controller('training-jobs')
export class TrainingJobsController {
  constructor(private readonly jobs: TrainingJobsService) {}

  /** Queues a job; the body is optional and may override hyper-parameters (see TrainingJobParams). */
  @Post()
  @HttpCode(201)
  @Access('write')
  create(@Body() body: unknown): Promise<TrainingJob> {
    return this.jobs.enqueue(
      parseInput(trainingJobParamsSchema, body ?? {}, 'training job parameters'),
    );
  }

  /** Newest first, paged by `cursor`, optionally of one `status`. */
  @Get()
  @Access('read')
  list(@Query() query: unknown): Promise<JobPage> {
    return this.jobs.list(parseJobListQuery(query));
  }

  @Get(':id')
  @Access('read')
  get(@Param('id') id: string): Promise<TrainingJob> {
    return this.jobs.get(id);
  }

  /** Cancels a queued or running job: 200 with the cancelled job, 409 for a job that has ended. */
  @Delete(':id')
  @Access('write')
  cancel(@Param('id') id: string): Promise<TrainingJob> {
    return this.jobs.cancel(id);
  }
}
