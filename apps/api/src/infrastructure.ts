import Redis from 'ioredis';
import { KafkaBrokerProbe, KafkaEventSink, KafkaStreamStats } from '@recsys/kafka-adapters';
import { openPostgresStorage } from '@recsys/postgres-adapters';
import { RedisEmbeddingStore, RedisRealtimeStore } from '@recsys/redis-adapters';
import { RATE_LIMIT_COMMAND_TIMEOUT_MS } from './access/rate-limits.service';
import type { ApiPorts } from './api-ports.module';
import type { ApiConfig } from './config';

/** The api's ports on the real services, and how to close them. */
export async function openApiInfrastructure(
  config: ApiConfig,
): Promise<{ ports: ApiPorts; close(): Promise<void> }> {
  const storage = await openPostgresStorage({
    kind: 'postgres',
    url: config.DATABASE_URL,
    applicationName: 'recsys-api',
  });
  const redis = { url: config.REDIS_URL, keyPrefix: config.REDIS_KEY_PREFIX };
  const embeddingStore = new RedisEmbeddingStore(redis);
  const realtimeStore = new RedisRealtimeStore(redis);
  const rateLimitRedis = openRateLimitConnection(config);
  const eventSink = new KafkaEventSink({
    brokers: config.KAFKA_BROKERS,
    clientId: config.KAFKA_CLIENT_ID,
    topic: config.KAFKA_TOPIC,
    partitions: config.KAFKA_TOPIC_PARTITIONS,
    publishTimeoutMs: config.KAFKA_PUBLISH_TIMEOUT_MS,
    maxRequestBytes: config.KAFKA_MAX_REQUEST_BYTES,
  });
  // Asks a broker on every check: the sink's first connection is cached and outlives a broker outage.
  const kafkaProbe = new KafkaBrokerProbe({
    brokers: config.KAFKA_BROKERS,
    clientId: `${config.KAFKA_CLIENT_ID}-health`,
  });
  const streamStats = new KafkaStreamStats({
    brokers: config.KAFKA_BROKERS,
    clientId: `${config.KAFKA_CLIENT_ID}-dashboard`,
    topic: config.KAFKA_TOPIC,
    deadLetterTopic: config.KAFKA_DEAD_LETTER_TOPIC,
    groupId: config.KAFKA_GROUP_ID,
  });
  return {
    ports: {
      eventSink,
      jobQueue: storage.jobQueue,
      embeddingStore,
      realtimeStore,
      catalogueStore: storage.catalogueStore,
      rateLimitStore: { kind: 'redis', redis: rateLimitRedis },
      clock: () => new Date(),
      recentEvents: storage.eventLog,
      streamStats,
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
        streamStats.close(),
        embeddingStore.close(),
        realtimeStore.close(),
        rateLimitRedis.quit().catch(() => rateLimitRedis.disconnect()),
        storage.close(),
      ]);
    },
  };
}

// On the request path: commands are never queued while Redis is away and never wait long (the limits then
// let requests through), and every replica counts under the same keys.
function openRateLimitConnection(config: ApiConfig): Redis {
  const redis = new Redis(config.REDIS_URL, {
    keyPrefix: config.REDIS_KEY_PREFIX,
    connectionName: 'recsys-api-rate-limits',
    enableOfflineQueue: false,
    commandTimeout: RATE_LIMIT_COMMAND_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
  });
  // Failures reach the limiter as rejected commands; without a listener ioredis prints every retry.
  redis.on('error', () => undefined);
  return redis;
}
