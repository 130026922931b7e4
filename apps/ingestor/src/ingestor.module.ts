import { DynamicModule, Module } from '@nestjs/common';
import {
  INGESTOR_DEPENDENCIES,
  INGESTOR_SETTINGS,
  type IngestorDependencies,
  type IngestorSettings,
} from './ingestor-dependencies';
import { InteractionsConsumer } from './interactions/interactions.consumer';

/** The stream consumer; the composition root hands it its ports (real or embedded) and settings. */
@Module({})
export class IngestorModule {
  static register(options: {
    dependencies: IngestorDependencies;
    settings: IngestorSettings;
  }): DynamicModule {
    return {
      module: IngestorModule,
      providers: [
        { provide: INGESTOR_DEPENDENCIES, useValue: options.dependencies },
        { provide: INGESTOR_SETTINGS, useValue: options.settings },
        InteractionsConsumer,
      ],
      exports: [InteractionsConsumer],
    };
  }
}
