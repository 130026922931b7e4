import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import {
  API_DEPENDENCIES,
  API_SETTINGS,
  type ApiDependencies,
  type ApiSettings,
} from './api-dependencies';
import { EventsController } from './events/events.controller';
import { HealthController } from './health/health.controller';
import { DomainErrorFilter } from './http/domain-error.filter';
import { ModelHolder } from './recommendations/model-holder.service';
import { RecommendationsController } from './recommendations/recommendations.controller';
import { TrainingJobsController } from './training-jobs/training-jobs.controller';

/** The HTTP api; the composition root hands it its ports (real or embedded) and settings. */
@Module({})
export class ApiModule {
  static register(options: {
    dependencies: ApiDependencies;
    settings: ApiSettings;
  }): DynamicModule {
    return {
      module: ApiModule,
      controllers: [
        EventsController,
        TrainingJobsController,
        RecommendationsController,
        HealthController,
      ],
      providers: [
        { provide: API_DEPENDENCIES, useValue: options.dependencies },
        { provide: API_SETTINGS, useValue: options.settings },
        { provide: APP_FILTER, useClass: DomainErrorFilter },
        ModelHolder,
      ],
    };
  }
}
