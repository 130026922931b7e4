import { openPostgresStorage } from '@recsys/postgres-adapters';
import { RedisEmbeddingStore } from '@recsys/redis-adapters';
import type { TrainerConfig } from './config';
import type { TrainerDependencies } from './trainer-dependencies';

/** The trainer's ports on the real services, and how to close them. */
export async function openTrainerInfrastructure(
  config: TrainerConfig,
): Promise<{ dependencies: TrainerDependencies; close(): Promise<void> }> {
  const storage = await openPostgresStorage({
    kind: 'postgres',
    url: config.DATABASE_URL,
    applicationName: 'recsys-trainer',
  });
  const embeddingStore = new RedisEmbeddingStore({
    url: config.REDIS_URL,
    keyPrefix: config.REDIS_KEY_PREFIX,
  });
  return {
    dependencies: {
      jobQueue: storage.jobQueue,
      tripletStore: storage.tripletStore,
      embeddingStore,
      clock: () => new Date(),
    },
    async close() {
      await Promise.allSettled([embeddingStore.close(), storage.close()]);
    },
  };
}
