// The ingestor's Nest module in this process on real Kafka, PostgreSQL and Redis, with TCP proxies in front of
// PostgreSQL and Redis that a test can cut (an outage of its own, the shared servers stay up).
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { DomainError } from '@recsys/domain';
import type { InteractionEventV1 } from '@recsys/interaction-events';
import { openPostgresStorage, type PostgresStorage } from '@recsys/postgres-adapters';
import { RedisRealtimeStore } from '@recsys/redis-adapters';
import type { RedeliveryNotice } from '@recsys/kafka-adapters';
import { Client } from 'pg';
import { IngestorModule } from '../../../apps/ingestor/src/ingestor.module';
import { InteractionsConsumer } from '../../../apps/ingestor/src/interactions/interactions.consumer';
import { DEFAULT_INTERACTION_SIGNALS } from '@recsys/triplets';
import { createTestDatabase, serviceUrls, type TestDatabase } from '../../support/services';
import { waitFor } from '../../e2e/support/wait-for';
import {
  createKafkaEventStreamHarness,
  type KafkaEventStreamHarness,
} from '../kafka/kafka-event-stream-harness';
import { deleteKeysWithPrefix, uniqueKeyPrefix } from '../redis/redis-test-keys';
import { startTcpProxy } from '../redis/realtime-store-sockets';

type Proxy = Awaited<ReturnType<typeof startTcpProxy>>;

export interface IngestorHarness {
  stream: KafkaEventStreamHarness;
  database: TestDatabase;
  /** Straight to the test database (not through the proxy). */
  sql: Client;
  databaseProxy: Proxy;
  redisProxy: Proxy;
  /** A realtime store on the same key prefix, straight to Redis (not through the proxy). */
  reader: RedisRealtimeStore;
  /** Every redelivery the source scheduled (a batch that failed as a whole). */
  redeliveries: { error: unknown; notice: RedeliveryNotice }[];
  consumer: InteractionsConsumer;
  /** Produces raw message values with one key (so one partition), in order. */
  produce(key: string, values: (string | Buffer)[]): Promise<void>;
  storedEventIds(): Promise<string[]>;
  /** Messages on the dead-letter topic (its high watermarks). */
  deadLetterCount(): Promise<number>;
  /** Whether the group's committed offsets reached the end of every partition of the topic. */
  offsetsCommittedToEnd(): Promise<boolean>;
  /** Committed offset and end of each partition, for failure messages. */
  readonly lastOffsets: string;
  close(): Promise<void>;
}

function target(url: string, defaultPort: number) {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: Number(parsed.port || defaultPort) };
}

/** Starts the ingestor with its own topics, database and key prefix. */
export async function startIngestorHarness(name: string): Promise<IngestorHarness> {
  const urls = serviceUrls();
  const redeliveries: IngestorHarness['redeliveries'] = [];
  const stream = createKafkaEventStreamHarness({
    redeliveryBackoff: { initialMs: 200, maxMs: 1_000 },
    onHandlerError: (error, notice) => void redeliveries.push({ error, notice }),
  });
  const database = await createTestDatabase(name);
  const databaseProxy = await startTcpProxy(target(database.url, 5432));
  const proxiedDatabase = new URL(database.url);
  proxiedDatabase.hostname = '127.0.0.1';
  proxiedDatabase.port = String(databaseProxy.port);
  const storage: PostgresStorage = await openPostgresStorage({
    kind: 'postgres',
    url: proxiedDatabase.toString(),
    // Fail fast while the proxy is cut, so the test sees retries rather than hanging connects.
    poolSize: 4,
  });
  const sql = new Client({ connectionString: database.url });
  await sql.connect();
  const keyPrefix = uniqueKeyPrefix(name);
  const redisProxy = await startTcpProxy(target(urls.redisUrl, 6379));
  const realtimeStore = new RedisRealtimeStore({
    url: `redis://127.0.0.1:${redisProxy.port}`,
    keyPrefix,
    commandTimeoutMs: 2_000,
  });
  const reader = new RedisRealtimeStore({ url: urls.redisUrl, keyPrefix });
  const app: INestApplicationContext = await NestFactory.createApplicationContext(
    IngestorModule.register({
      dependencies: {
        eventSource: stream.createSource(),
        deadLetterSink: stream.deadLetters,
        eventLog: storage.eventLog,
        realtimeStore,
        realtimeBacklog: storage.realtimeBacklog,
        clock: () => new Date(),
      },
      settings: { signals: DEFAULT_INTERACTION_SIGNALS, maxTripletsPerEvent: 50 },
    }),
    { logger: false },
  );
  await app.init();
  const producer = stream.kafka.producer();
  await producer.connect();
  const admin = stream.kafka.admin();
  await admin.connect();
  const { topic, deadLetterTopic, groupId } = stream.options;
  let lastOffsets = '';
  // The end offset of each partition, indexed by partition number (kafkajs lists them in any order).
  const highWatermarks = async (name: string) => {
    const ends: number[] = [];
    for (const p of await admin.fetchTopicOffsets(name)) ends[p.partition] = Number(p.high);
    return ends;
  };
  return {
    stream,
    database,
    sql,
    databaseProxy,
    redisProxy,
    reader,
    redeliveries,
    consumer: app.get(InteractionsConsumer),
    produce: async (key, values) => {
      await producer.send({ topic, acks: -1, messages: values.map((value) => ({ key, value })) });
    },
    storedEventIds: async () =>
      (await sql.query<{ event_id: string }>('SELECT event_id FROM interaction_events')).rows.map(
        (row) => row.event_id,
      ),
    deadLetterCount: async () => {
      const topics = await admin.listTopics();
      if (!topics.includes(deadLetterTopic)) return 0;
      return (await highWatermarks(deadLetterTopic)).reduce((a, b) => a + b, 0);
    },
    get lastOffsets() {
      return lastOffsets;
    },
    offsetsCommittedToEnd: async () => {
      const ends = await highWatermarks(topic);
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
      lastOffsets = JSON.stringify({ ends, committed: committed.partitions });
      return committed.partitions.every(
        (p) =>
          Number(p.offset) === ends[p.partition] || (ends[p.partition] === 0 && p.offset === '-1'),
      );
    },
    close: async () => {
      await app.close();
      await Promise.allSettled([producer.disconnect(), admin.disconnect()]);
      await stream.dispose();
      await Promise.allSettled([realtimeStore.close(), reader.close(), storage.close(), sql.end()]);
      await Promise.allSettled([databaseProxy.cut(), redisProxy.cut()]);
      await deleteKeysWithPrefix(keyPrefix);
      await database.drop();
    },
  };
}

/** A valid click as its JSON value. */
export function clickValue(
  eventId: string,
  userId: string,
  itemId: string,
  extra: Partial<InteractionEventV1> = {},
): string {
  return JSON.stringify({
    eventId,
    userId,
    itemId,
    type: 'click',
    timestamp: new Date(Date.now() - 60_000).toISOString(),
    ...extra,
  });
}

/** Waits until every id is in the event log. */
export async function waitForStored(
  harness: IngestorHarness,
  ids: readonly string[],
  what: string,
) {
  await waitFor(
    async () => {
      const stored = new Set(await harness.storedEventIds());
      return ids.every((id) => stored.has(id));
    },
    {
      timeoutMs: 90_000,
      what,
      onTimeout: () =>
        `redeliveries: ${harness.redeliveries.map((r) => (r.error instanceof DomainError ? r.error.code : String(r.error))).join(', ')}`,
    },
  );
}
