// A fresh, isolated Kafka event stream for one test: its own topics and consumer group (random suffix),
// all deleted again by dispose(), so tests can share the broker with other suites running in parallel.
import type { EventSource } from '@recsys/domain';
import {
  DEAD_LETTER_REASON_HEADER,
  KafkaDeadLetterSink,
  KafkaEventSink,
  KafkaEventSource,
  ORIGINAL_POSITION_HEADER,
  createKafkaClient,
  type KafkaEventSourceOptions,
} from '@recsys/kafka-adapters';
import type { Kafka } from 'kafkajs';
import { serviceUrls, uniqueName } from '../../support/services';
import type { EventStreamHarness, StoredDeadLetter } from '../contracts/event-stream-contract';
import { waitUntil } from '../contracts/event-stream-wait';

/** The harness plus what Kafka-only tests need to look at the topics directly. */
export interface KafkaEventStreamHarness extends EventStreamHarness {
  kafka: Kafka;
  options: Required<
    Pick<
      KafkaEventSourceOptions,
      'brokers' | 'clientId' | 'topic' | 'deadLetterTopic' | 'groupId' | 'partitions'
    >
  >;
}

/** Creates unique topic and group names and the adapters that use them. */
export function createKafkaEventStreamHarness(
  extra: Partial<KafkaEventSourceOptions> = {},
): KafkaEventStreamHarness {
  const name = uniqueName('es');
  const options = {
    brokers: serviceUrls().kafkaBrokers,
    clientId: `test-${name}`,
    topic: `${name}.interactions.v1`,
    deadLetterTopic: `${name}.interactions.v1.dead-letter`,
    groupId: `${name}.ingestor`,
    partitions: 3,
  };
  const kafka = createKafkaClient(options);
  const sink = new KafkaEventSink(options);
  const deadLetters = new KafkaDeadLetterSink(options);
  const sources: EventSource[] = [];
  const readerGroups: string[] = [];

  return {
    kafka,
    options,
    sink,
    deadLetters,
    createSource: () => {
      const source = new KafkaEventSource({
        ...options,
        redeliveryBackoff: { initialMs: 200, maxMs: 1_000 },
        onHandlerError: () => undefined,
        ...extra,
      });
      sources.push(source);
      return source;
    },
    readDeadLetters: async (count) => {
      const groupId = `${name}.dead-letter-reader.${readerGroups.length}`;
      readerGroups.push(groupId);
      return readDeadLetters(kafka, { topic: options.deadLetterTopic, groupId, count });
    },
    dispose: async () => {
      await Promise.all(sources.map((source) => source.stop()));
      await Promise.all([sink.close(), deadLetters.close()]);
      await deleteTopicsAndGroups(kafka, {
        topics: [options.topic, options.deadLetterTopic],
        groups: [options.groupId, ...readerGroups],
      });
    },
  };
}

async function readDeadLetters(
  kafka: Kafka,
  { topic, groupId, count }: { topic: string; groupId: string; count: number },
): Promise<StoredDeadLetter[]> {
  const letters: StoredDeadLetter[] = [];
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 200 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: ({ message }) => {
        letters.push({
          key: message.key?.toString('utf8') ?? null,
          value: message.value,
          reason: message.headers?.[DEAD_LETTER_REASON_HEADER]?.toString() ?? '',
          originalPosition: message.headers?.[ORIGINAL_POSITION_HEADER]?.toString() ?? '',
        });
        return Promise.resolve();
      },
    });
    await waitUntil(() => letters.length >= count, { description: `${count} dead letters` });
  } finally {
    await consumer.disconnect();
  }
  return letters.slice(0, count);
}

/** Deletes the test's topics and consumer groups; missing ones are fine. */
export async function deleteTopicsAndGroups(
  kafka: Kafka,
  { topics, groups }: { topics: string[]; groups: string[] },
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listGroups().then((r) => r.groups.map((g) => g.groupId)));
    const groupsToDelete = groups.filter((group) => existing.has(group));
    if (groupsToDelete.length > 0) await admin.deleteGroups(groupsToDelete).catch(() => undefined);
    const existingTopics = new Set(await admin.listTopics());
    const topicsToDelete = topics.filter((topic) => existingTopics.has(topic));
    if (topicsToDelete.length > 0) await admin.deleteTopics({ topics: topicsToDelete });
  } finally {
    await admin.disconnect();
  }
}
