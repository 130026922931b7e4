import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { RedisEmbeddingStore } from '@recsys/redis-adapters';
import { createBenchDatabase } from './bench-database';
import type { CleanupStack } from './cleanup-stack';

/** One benchmark run's own slice of the real services: a database, a Redis key prefix, Kafka topics. */
export interface IsolatedServices {
  /** Environment for the distributed apps, pointing at this slice. */
  env: Record<string, string>;
  topic: string;
  kafka: Kafka;
  /** A model store on this slice's key prefix (closed by the cleanup). */
  embeddingStore: RedisEmbeddingStore;
}

/** Where the real services are: DATABASE_URL, REDIS_URL, KAFKA_BROKERS, defaulting to scripts/services. */
function serviceUrls() {
  return {
    databaseUrl: process.env.DATABASE_URL || 'postgres://recsys:recsys@127.0.0.1:5432/recsys',
    redisUrl: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
    kafkaBrokers: (process.env.KAFKA_BROKERS || '127.0.0.1:9092').split(',').filter(Boolean),
  };
}

/**
 * Creates the slice on the servers of scripts/services/start.sh; `cleanup` will drop the database, delete
 * the keys and the topics.
 */
export async function createIsolatedServices(
  name: string,
  cleanup: CleanupStack,
): Promise<IsolatedServices> {
  const urls = serviceUrls();
  const database = await createBenchDatabase(urls.databaseUrl, name).catch((error: Error) => {
    throw new Error(`cannot create a database (run: eval "$(scripts/services/start.sh)"): ${error.message}`); // prettier-ignore
  });
  cleanup.defer(`database ${database.name}`, () => database.drop());
  const suffix = randomBytes(6).toString('hex');
  const topic = `${name}_interactions_${suffix}`;
  const redisKeyPrefix = `${name}_${suffix}:`;
  const kafka = new Kafka({
    clientId: name,
    brokers: urls.kafkaBrokers,
    logLevel: logLevel.NOTHING,
  });
  cleanup.defer(`topics ${topic}*`, () => deleteTopics(kafka, [topic, `${topic}.dead-letter`]));
  cleanup.defer(`redis keys ${redisKeyPrefix}*`, () => deleteKeys(urls.redisUrl, redisKeyPrefix));
  const embeddingStore = new RedisEmbeddingStore({ url: urls.redisUrl, keyPrefix: redisKeyPrefix });
  cleanup.defer('the model store connection', () => embeddingStore.close());
  const env = {
    DATABASE_URL: database.url,
    REDIS_URL: urls.redisUrl,
    REDIS_KEY_PREFIX: redisKeyPrefix,
    KAFKA_BROKERS: urls.kafkaBrokers.join(','),
    KAFKA_TOPIC: topic,
    KAFKA_DEAD_LETTER_TOPIC: `${topic}.dead-letter`,
    KAFKA_GROUP_ID: `${name}_ingestor_${suffix}`,
    KAFKA_TOPIC_PARTITIONS: '3',
  };
  return { env, topic, kafka, embeddingStore };
}

async function deleteTopics(kafka: Kafka, topics: string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const present = topics.filter((topic) => existing.has(topic));
    if (present.length > 0) await admin.deleteTopics({ topics: present });
  } finally {
    await admin.disconnect();
  }
}

// SCAN, not KEYS: the shared server holds every other run's keys too.
async function deleteKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
