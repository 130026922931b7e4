import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ApiKeyGuard } from './access/api-key.guard';
import {
  API_DEPENDENCIES,
  API_SETTINGS,
  type ApiDependencies,
  type ApiSettings,
} from './api-dependencies';
import { CatalogueFollower } from './catalogue/catalogue-follower.service';
import { ItemsController } from './catalogue/items.controller';
import { EventsController } from './events/events.controller';
import { HealthController } from './health/health.controller';
import { DomainErrorFilter } from './http/domain-error.filter';
import { ModelsController } from './models/models.controller';
import { ModelHolder } from './recommendations/model-holder.service';
import { PopularityCache } from './recommendations/popularity-cache.service';
import { RecentInteractionsCache } from './recommendations/recent-interactions-cache.service';
import { RecommendationService } from './recommendations/recommendation.service';
import { RecommendationsController } from './recommendations/recommendations.controller';
import { ShortlistPrecomputer } from './recommendations/shortlists/shortlist-precomputer.service';
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
        RecommendationsController,
        ItemsController,
        EventsController,
        TrainingJobsController,
        ModelsController,
        HealthController,
      ],
      providers: [
        { provide: API_DEPENDENCIES, useValue: options.dependencies },
        { provide: API_SETTINGS, useValue: options.settings },
        { provide: APP_FILTER, useClass: DomainErrorFilter },
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        ModelHolder,
        CatalogueFollower,
        PopularityCache,
        RecentInteractionsCache,
        RecommendationService,
        ShortlistPrecomputer,
      ],
    };
  }
}
