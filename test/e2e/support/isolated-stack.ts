import { Kafka, logLevel } from 'kafkajs';
import Redis from 'ioredis';
import {
  createTestDatabase,
  serviceUrls,
  uniqueName,
  type TestDatabase,
} from '../../support/services';

/** One test's own slice of the real services: a database, a Redis key prefix, Kafka topics and group. */
export interface IsolatedStack {
  database: TestDatabase;
  topic: string;
  deadLetterTopic: string;
  groupId: string;
  redisKeyPrefix: string;
  /** Environment for the distributed apps, pointing at this slice. */
  env: Record<string, string>;
  kafka: Kafka;
  cleanup(): Promise<void>;
}

/** Creates the slice; `cleanup()` drops the database, deletes the keys and the topics. */
export async function createIsolatedStack(name: string): Promise<IsolatedStack> {
  const urls = serviceUrls();
  const database = await createTestDatabase(name);
  const topic = uniqueName(`${name}_interactions`);
  const deadLetterTopic = `${topic}.dead-letter`;
  const groupId = uniqueName(`${name}_ingestor`);
  const redisKeyPrefix = `${uniqueName(name)}:`;
  const kafka = new Kafka({
    clientId: 'e2e-storefront',
    brokers: urls.kafkaBrokers,
    logLevel: logLevel.NOTHING,
  });
  const env = {
    DATABASE_URL: database.url,
    REDIS_URL: urls.redisUrl,
    REDIS_KEY_PREFIX: redisKeyPrefix,
    KAFKA_BROKERS: urls.kafkaBrokers.join(','),
    KAFKA_TOPIC: topic,
    KAFKA_DEAD_LETTER_TOPIC: deadLetterTopic,
    KAFKA_GROUP_ID: groupId,
    KAFKA_TOPIC_PARTITIONS: '3',
    TRAINER_POLL_INTERVAL_MS: '200',
    // These tests queue their jobs by hand; automatic-training.test.ts turns the triggers on.
    TRAIN_EVERY: 'off',
    TRAIN_AFTER_NEW_SIGNALS: 'off',
    TRAIN_FIRST_MODEL_AFTER_SIGNALS: 'off',
    MODEL_POLL_INTERVAL_MS: '1000',
  };
  const cleanup = async () => {
    const redis = new Redis(urls.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    const keys = await redis.keys(`${redisKeyPrefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    const existing = await admin.listTopics();
    await admin
      .deleteTopics({ topics: [topic, deadLetterTopic].filter((t) => existing.includes(t)) })
      .catch(() => undefined);
    await admin.disconnect();
    await database.drop();
  };
  return { database, topic, deadLetterTopic, groupId, redisKeyPrefix, env, kafka, cleanup };
}
