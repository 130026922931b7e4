import { DynamicModule, Module } from '@nestjs/common';
import { ApiModule } from '../../api/src/api.module';
import { IngestorModule } from '../../ingestor/src/ingestor.module';
import { TrainerModule } from '../../trainer/src/trainer.module';
import type { ApiPorts } from '../../api/src/api-ports.module';
import type { ApiSettings } from '../../api/src/api-settings';
import type {
  IngestorDependencies,
  IngestorSettings,
} from '../../ingestor/src/ingestor-dependencies';
import type { TrainerDependencies, TrainerSettings } from '../../trainer/src/trainer-dependencies';

/**
 * The single-process composition root: the api, ingestor and trainer modules, unchanged, wired to the
 * same embedded adapters. It is the one place allowed to import other apps (see README, Architecture).
 */
@Module({})
export class EmbeddedModule {
  static register(options: {
    api: { ports: ApiPorts; settings: ApiSettings };
    ingestor: { dependencies: IngestorDependencies; settings: IngestorSettings };
    trainer: { dependencies: TrainerDependencies; settings: TrainerSettings };
  }): DynamicModule {
    return {
      module: EmbeddedModule,
      imports: [
        ApiModule.register(options.api),
        IngestorModule.register(options.ingestor),
        TrainerModule.register(options.trainer),
      ],
    };
  }
}
