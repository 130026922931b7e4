import { apiSettingsFrom } from '../../api/src/config';
import { ingestorSettingsFrom } from '../../ingestor/src/config';
import { trainerSettingsFrom } from '../../trainer/src/config';
import type { EmbeddedConfig } from './config';
import type { EmbeddedModule } from './embedded.module';
import type { EmbeddedInfrastructure } from './infrastructure';

/** Hands the same embedded adapters to the api, ingestor and trainer modules. */
export function wireEmbedded(
  config: EmbeddedConfig,
  infra: EmbeddedInfrastructure,
  clock: () => Date,
): Parameters<typeof EmbeddedModule.register>[0] {
  const { storage, channel, embeddingStore, realtimeStore } = infra;
  return {
    api: {
      dependencies: {
        eventSink: channel,
        jobQueue: storage.jobQueue,
        embeddingStore,
        realtimeStore,
        catalogueStore: storage.catalogueStore,
        clock,
        readinessChecks: [{ name: 'database', check: () => storage.ping() }],
      },
      settings: apiSettingsFrom(config, { keysRequired: true }),
    },
    ingestor: {
      dependencies: {
        eventSource: channel,
        deadLetterSink: channel,
        eventLog: storage.eventLog,
        realtimeStore,
        realtimeBacklog: storage.realtimeBacklog,
        clock,
      },
      settings: ingestorSettingsFrom(config),
    },
    trainer: {
      dependencies: {
        jobQueue: storage.jobQueue,
        tripletStore: storage.tripletStore,
        embeddingStore,
        clock,
      },
      settings: trainerSettingsFrom(config, process.pid),
    },
  };
}
