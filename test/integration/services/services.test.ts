// Proves that the real services started by scripts/services/start.sh answer, so that a broken services
// script fails CI here rather than as confusing failures in every other integration suite.
import Redis from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { createTestDatabase, serviceUrls, uniqueName } from '../../support/services';

const urls = serviceUrls();
const RECEIVE_TIMEOUT_MS = 30_000;
jest.setTimeout(60_000);

describe('PostgreSQL', () => {
  it('creates a private database, runs SQL in it, and drops it', async () => {
    const database = await createTestDatabase('services_check');
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query('CREATE TABLE probe (id int PRIMARY KEY, label text NOT NULL)');
      await client.query('INSERT INTO probe VALUES ($1, $2)', [7, 'seven']);
      const { rows } = await client.query('SELECT current_database() AS db, label FROM probe');
      expect(rows).toEqual([{ db: database.name, label: 'seven' }]);
    } finally {
      await client.end();
      await database.drop();
    }
    expect(await databaseExists(database.name)).toBe(false);
  });
});

describe('Redis', () => {
  it('stores and reads back a value under a unique prefix', async () => {
    const redis = new Redis(urls.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    const key = `${uniqueName('services_check')}:probe`;
    try {
      await redis.set(key, 'value-1', 'EX', 60);
      expect(await redis.get(key)).toBe('value-1');
    } finally {
      await redis.del(key);
      redis.disconnect();
    }
  });
});

describe('Kafka', () => {
  const kafka = new Kafka({
    clientId: uniqueName('services_check'),
    brokers: urls.kafkaBrokers,
    logLevel: logLevel.NOTHING,
  });

  it('creates a topic, then delivers a produced message to a consumer group', async () => {
    const topic = uniqueName('services_check_topic');
    const admin = kafka.admin();
    await admin.connect();
    try {
      expect(
        await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true }),
      ).toBe(true);
      await produce(topic, [{ key: 'user-1', value: 'hello' }]);
      const received = await consumeFirst(topic);
      expect(received).toEqual({ key: 'user-1', value: 'hello' });
    } finally {
      await admin.deleteTopics({ topics: [topic] });
      await admin.disconnect();
    }
  });

  it('creates topics on first use with three partitions by default', async () => {
    const topic = uniqueName('services_check_auto');
    const admin = kafka.admin();
    await admin.connect();
    try {
      await produce(topic, [{ key: 'k', value: 'v' }]);
      const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
      expect(metadata.topics[0].partitions).toHaveLength(3);
    } finally {
      await admin.deleteTopics({ topics: [topic] });
      await admin.disconnect();
    }
  });

  async function produce(topic: string, messages: { key: string; value: string }[]): Promise<void> {
    const producer = kafka.producer({ allowAutoTopicCreation: true });
    await producer.connect();
    try {
      await producer.send({ topic, messages });
    } finally {
      await producer.disconnect();
    }
  }

  async function consumeFirst(topic: string): Promise<{ key: string; value: string }> {
    const consumer = kafka.consumer({ groupId: uniqueName('services_check_group') });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      return await new Promise((resolve, reject) => {
        // Fail with a message instead of hanging until jest's timeout when nothing arrives.
        const timer = setTimeout(
          () => reject(new Error(`nothing consumed from ${topic}`)),
          RECEIVE_TIMEOUT_MS,
        );
        consumer
          .run({
            eachMessage: ({ message }) => {
              clearTimeout(timer);
              resolve({ key: String(message.key), value: String(message.value) });
              return Promise.resolve();
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
    }
  }
});

async function databaseExists(name: string): Promise<boolean> {
  const client = new Client({ connectionString: urls.databaseUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return rowCount === 1;
  } finally {
    await client.end();
  }
}
