import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import {
  InMemoryEmbeddingStore,
  InMemoryRealtimeStore,
  InProcessEventChannel,
} from '@recsys/embedded-adapters';
import { openPostgresStorage, type PostgresStorage } from '@recsys/postgres-adapters';
import type { EmbeddedConfig } from './config';

/** The embedded adapters, shared by the api, ingestor and trainer modules of the one process. */
export interface EmbeddedInfrastructure {
  channel: InProcessEventChannel;
  storage: PostgresStorage;
  embeddingStore: InMemoryEmbeddingStore;
  realtimeStore: InMemoryRealtimeStore;
  close(): Promise<void>;
}

/** Opens the embedded database under DATA_DIR (created if needed) and the in-process channel and store. */
export async function openEmbeddedInfrastructure(
  config: EmbeddedConfig,
): Promise<EmbeddedInfrastructure> {
  const dataDir = path.resolve(config.DATA_DIR, 'pglite');
  await mkdir(dataDir, { recursive: true });
  const storage = await openPostgresStorage({ kind: 'pglite', dataDir });
  const channel = new InProcessEventChannel();
  const embeddingStore = new InMemoryEmbeddingStore();
  const realtimeStore = new InMemoryRealtimeStore();
  return {
    channel,
    storage,
    embeddingStore,
    realtimeStore,
    async close() {
      await channel.stop().catch(() => undefined);
      await Promise.allSettled([embeddingStore.close(), realtimeStore.close(), storage.close()]);
    },
  };
}
