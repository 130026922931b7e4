import { Module } from '@nestjs/common';
import { TrainingJobsController } from './training-jobs.controller';
import { TrainingJobsService } from './training-jobs.service';

/** Training jobs: queued here, claimed and run by the trainer. */
@Module({ controllers: [TrainingJobsController], providers: [TrainingJobsService] })
export class TrainingJobsModule {}
