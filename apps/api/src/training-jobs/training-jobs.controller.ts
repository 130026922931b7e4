import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { trainingJobParamsSchema, type TrainingJob } from '@recsys/domain';
import { Access } from '../access/access-level.decorator';
import { parseInput } from '../http/parse-input';
import { TrainingJobsService } from './training-jobs.service';

/** `POST /training-jobs` and `GET /training-jobs/:id`. */
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

  @Get(':id')
  @Access('read')
  get(@Param('id') id: string): Promise<TrainingJob> {
    return this.jobs.get(id);
  }
}
