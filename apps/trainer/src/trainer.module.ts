import { DynamicModule, Module } from '@nestjs/common';
import { JobPoller } from './jobs/job-poller.service';
import {
  TRAINER_DEPENDENCIES,
  TRAINER_SETTINGS,
  type TrainerDependencies,
  type TrainerSettings,
} from './trainer-dependencies';
import { TrainingJobRunner } from './training/training-job.runner';

/** The background trainer; the composition root hands it its ports (real or embedded) and settings. */
@Module({})
export class TrainerModule {
  static register(options: {
    dependencies: TrainerDependencies;
    settings: TrainerSettings;
  }): DynamicModule {
    return {
      module: TrainerModule,
      providers: [
        { provide: TRAINER_DEPENDENCIES, useValue: options.dependencies },
        { provide: TRAINER_SETTINGS, useValue: options.settings },
        TrainingJobRunner,
        JobPoller,
      ],
    };
  }
}
