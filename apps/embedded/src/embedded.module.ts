import { DynamicModule, Module } from '@nestjs/common';
import { InProcessStreamStats } from '@recsys/embedded-adapters';
import { ApiModule } from '../../api/src/api.module';
import { apiSettingsFrom } from '../../api/src/config';
import { IngestorModule } from '../../ingestor/src/ingestor.module';
import { ingestorSettingsFrom } from '../../ingestor/src/config';
import { TrainerModule } from '../../trainer/src/trainer.module';
import { trainerSettingsFrom } from '../../trainer/src/config';
import type { EmbeddedConfig } from './config';
import type { EmbeddedInfrastructure } from './infrastructure';

// Keys and client addresses whose request counts the one process keeps (least recently used are forgotten).
const RATE_LIMIT_COUNTERS = 10_000;

/**
 * The single-process composition root: the api, ingestor and trainer modules, unchanged, handed the same
 * embedded adapters. It is the one place allowed to import other apps (see README, Architecture).
 */
@Module({})
export class EmbeddedModule {
  static register(options: {
    config: EmbeddedConfig;
    infra: EmbeddedInfrastructure;
    clock: () => Date;
  }): DynamicModule {
    const { config, infra, clock } = options;
    const { storage, channel, embeddingStore, realtimeStore } = infra;
    return {
      module: EmbeddedModule,
      imports: [
        ApiModule.register({
          ports: {
            eventSink: channel,
            jobQueue: storage.jobQueue,
            embeddingStore,
            realtimeStore,
            catalogueStore: storage.catalogueStore,
            rateLimitStore: { kind: 'memory', maxCounters: RATE_LIMIT_COUNTERS },
            clock,
            readinessChecks: [{ name: 'database', check: () => storage.ping() }],
            recentEvents: storage.eventLog,
            streamStats: new InProcessStreamStats(channel),
          },
          settings: apiSettingsFrom(config, { keysRequired: true }),
        }),
        IngestorModule.register({
          dependencies: {
            eventSource: channel,
            deadLetterSink: channel,
            eventLog: storage.eventLog,
            realtimeStore,
            realtimeBacklog: storage.realtimeBacklog,
            clock,
          },
          settings: ingestorSettingsFrom(config),
        }),
        TrainerModule.register({
          dependencies: {
            jobQueue: storage.jobQueue,
            tripletStore: storage.tripletStore,
            embeddingStore,
            clock,
          },
          settings: trainerSettingsFrom(config, process.pid),
        }),
      ],
    };
  }
}
