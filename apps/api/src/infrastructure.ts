import { KafkaBrokerProbe, KafkaEventSink } from '@recsys/kafka-adapters';
import { openPostgresStorage } from '@recsys/postgres-adapters';
import { RedisEmbeddingStore, RedisRealtimeStore } from '@recsys/redis-adapters';
import type { ApiDependencies } from './api-dependencies';
import type { ApiConfig } from './config';

/** The api's ports on the real services, and how to close them. */
export async function openApiInfrastructure(
  config: ApiConfig,
): Promise<{ dependencies: ApiDependencies; close(): Promise<void> }> {
  const storage = await openPostgresStorage({
    kind: 'postgres',
    url: config.DATABASE_URL,
    applicationName: 'recsys-api',
  });
  const redis = { url: config.REDIS_URL, keyPrefix: config.REDIS_KEY_PREFIX };
  const embeddingStore = new RedisEmbeddingStore(redis);
  const realtimeStore = new RedisRealtimeStore(redis);
  const eventSink = new KafkaEventSink({
    brokers: config.KAFKA_BROKERS,
    clientId: config.KAFKA_CLIENT_ID,
    topic: config.KAFKA_TOPIC,
    partitions: config.KAFKA_TOPIC_PARTITIONS,
  });
  // Asks a broker on every check: the sink's first connection is cached and outlives a broker outage.
  const kafkaProbe = new KafkaBrokerProbe({
    brokers: config.KAFKA_BROKERS,
    clientId: `${config.KAFKA_CLIENT_ID}-health`,
  });
  return {
    dependencies: {
      eventSink,
      jobQueue: storage.jobQueue,
      embeddingStore,
      realtimeStore,
      catalogueStore: storage.catalogueStore,
      clock: () => new Date(),
      readinessChecks: [
        { name: 'postgres', check: () => storage.ping() },
        { name: 'redis', check: async () => void (await embeddingStore.currentVersion()) },
        { name: 'kafka', check: () => kafkaProbe.check() },
      ],
    },
    async close() {
      await Promise.allSettled([
        eventSink.close(),
        kafkaProbe.close(),
        embeddingStore.close(),
        realtimeStore.close(),
        storage.close(),
      ]);
    },
  };
}
