import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AccessModule } from './access/access.module';
import { ApiPortsModule, type ApiPorts } from './api-ports.module';
import type { ApiSettings } from './api-settings';
import { CatalogueModule } from './catalogue/catalogue.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { EventsModule } from './events/events.module';
import { HealthController } from './health/health.controller';
import { DomainErrorFilter } from './http/domain-error.filter';
import { ModelsModule } from './models/models.module';
import { ObservabilityModule } from './observability/observability.module';
import { RecommendationsModule } from './recommendations/recommendations.module';
import { TrainingJobsModule } from './training-jobs/training-jobs.module';

/**
 * The HTTP api: its features, on the ports and settings the composition root hands it (real adapters
 * in main.ts, embedded ones in apps/embedded; the modules are the same).
 */
@Module({})
export class ApiModule {
  static register(options: { ports: ApiPorts; settings: ApiSettings }): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ApiPortsModule.register(options),
        ObservabilityModule,
        AccessModule,
        RecommendationsModule,
        CatalogueModule,
        EventsModule,
        TrainingJobsModule,
        ModelsModule,
        DashboardModule,
      ],
      controllers: [HealthController],
      providers: [{ provide: APP_FILTER, useClass: DomainErrorFilter }],
    };
  }
}
