import { KafkaDeadLetterSink, KafkaEventSource } from '@recsys/kafka-adapters';
import { openPostgresStorage } from '@recsys/postgres-adapters';
import { RedisRealtimeStore } from '@recsys/redis-adapters';
import type { IngestorConfig } from './config';
import type { IngestorDependencies } from './ingestor-dependencies';

/** The ingestor's ports on the real services, and how to close them. */
export async function openIngestorInfrastructure(
  config: IngestorConfig,
): Promise<{ dependencies: IngestorDependencies; close(): Promise<void> }> {
  const storage = await openPostgresStorage({
    kind: 'postgres',
    url: config.DATABASE_URL,
    applicationName: 'recsys-ingestor',
  });
  const kafka = {
    brokers: config.KAFKA_BROKERS,
    clientId: config.KAFKA_CLIENT_ID,
    topic: config.KAFKA_TOPIC,
    deadLetterTopic: config.KAFKA_DEAD_LETTER_TOPIC,
    groupId: config.KAFKA_GROUP_ID,
    partitions: config.KAFKA_TOPIC_PARTITIONS,
  };
  const eventSource = new KafkaEventSource({
    ...kafka,
    sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
    heartbeatIntervalMs: config.KAFKA_HEARTBEAT_INTERVAL_MS,
  });
  const deadLetterSink = new KafkaDeadLetterSink(kafka);
  const realtimeStore = new RedisRealtimeStore({
    url: config.REDIS_URL,
    keyPrefix: config.REDIS_KEY_PREFIX,
  });
  return {
    dependencies: {
      eventSource,
      deadLetterSink,
      eventLog: storage.eventLog,
      realtimeStore,
      realtimeBacklog: storage.realtimeBacklog,
      clock: () => new Date(),
    },
    async close() {
      await eventSource.stop().catch(() => undefined);
      await Promise.allSettled([deadLetterSink.close(), realtimeStore.close(), storage.close()]);
    },
  };
}
