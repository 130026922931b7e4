// Kafka-only behaviour of the event-stream adapters, beyond the shared contract: topics, headers,
// partitioning by user, bounded failures, and heartbeats during a long batch.
import type { RawMessage } from '@recsys/domain';
import type { InteractionEventV1 } from '@recsys/interaction-events';
import {
  KafkaEventSink,
  KafkaEventSource,
  SCHEMA_HEADER,
  ensureTopics,
} from '@recsys/kafka-adapters';
import { waitUntil } from '../contracts/event-stream-wait';
import {
  createKafkaEventStreamHarness,
  type KafkaEventStreamHarness,
} from './kafka-event-stream-harness';

jest.setTimeout(90_000);

function click(n: number, userId: string): InteractionEventV1 {
  return {
    eventId: `e-${n}`,
    userId,
    itemId: `i-${n}`,
    type: 'click',
    timestamp: '2025-01-01T00:00:00Z',
  };
}

const UNREACHABLE = { brokers: ['127.0.0.1:1'], clientId: 'unreachable-test' };

describe('Kafka event stream adapters', () => {
  let harness: KafkaEventStreamHarness;

  beforeEach(() => {
    harness = createKafkaEventStreamHarness({ sessionTimeoutMs: 6_000, heartbeatIntervalMs: 500 });
  });

  afterEach(() => harness.dispose());

  it('creates the topic with the configured partition count, idempotently', async () => {
    const { topic, partitions } = harness.options;
    await ensureTopics(harness.kafka, { topics: [topic], partitions });
    await ensureTopics(harness.kafka, { topics: [topic], partitions: partitions + 5 });
    const admin = harness.kafka.admin();
    await admin.connect();
    const metadata = await admin
      .fetchTopicMetadata({ topics: [topic] })
      .finally(() => admin.disconnect());
    expect(metadata.topics[0].partitions).toHaveLength(partitions);
  });

  it('produces the schema header and keeps one user on one partition', async () => {
    const events = Array.from({ length: 30 }, (_unused, n) => click(n, `user-${n % 3}`));
    await harness.sink.publish(events);
    const seen: { userId: string; partition: string; schema: string | undefined }[] = [];
    const consumer = harness.kafka.consumer({
      groupId: `${harness.options.groupId}.raw`,
      maxWaitTimeInMs: 200,
    });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [harness.options.topic], fromBeginning: true });
      await consumer.run({
        eachMessage: ({ partition, message }) => {
          seen.push({
            userId: message.key!.toString(),
            partition: String(partition),
            schema: message.headers?.[SCHEMA_HEADER]?.toString(),
          });
          return Promise.resolve();
        },
      });
      await waitUntil(() => seen.length >= events.length, { description: '30 raw messages' });
    } finally {
      await consumer.disconnect();
    }
    expect(new Set(seen.map((message) => message.schema))).toEqual(new Set(['interactions.v1']));
    for (const userId of ['user-0', 'user-1', 'user-2']) {
      const partitions = new Set(seen.filter((m) => m.userId === userId).map((m) => m.partition));
      expect(partitions.size).toBe(1);
    }
  });

  describe('without a broker', () => {
    // kafkajs logs every refused connection at ERROR; expected here, so kept out of the test output.
    beforeEach(() => jest.spyOn(console, 'error').mockImplementation(() => undefined));
    afterEach(() => jest.restoreAllMocks());

    it('rejects a publish with EVENT_PUBLISH_FAILED when no broker answers, instead of hanging', async () => {
      const sink = new KafkaEventSink({ ...UNREACHABLE, publishTimeoutMs: 4_000 });
      try {
        await expect(sink.publish([click(1, 'u')])).rejects.toMatchObject({
          code: 'EVENT_PUBLISH_FAILED',
        });
      } finally {
        await sink.close();
      }
    });

    it('rejects start with EVENT_SOURCE_START_FAILED when no broker answers', async () => {
      const source = new KafkaEventSource(UNREACHABLE);
      await expect(source.start(() => Promise.resolve())).rejects.toMatchObject({
        code: 'EVENT_SOURCE_START_FAILED',
      });
    });
  });

  it('keeps its assignment through a batch that outlasts the session timeout (heartbeats)', async () => {
    await harness.sink.publish([1, 2, 3].map((n) => click(n, 'long-user')));
    const handled: string[] = [];
    let calls = 0;
    const source = harness.createSource();
    await source.start(async (batch: readonly RawMessage[]) => {
      // The first batch takes longer than the 6 s session timeout.
      if (calls++ === 0) await new Promise((resolve) => setTimeout(resolve, 8_000));
      handled.push(...batch.map((message) => message.position));
    });
    await waitUntil(() => handled.length >= 3, { description: 'the long batch' });
    // Same user, same partition: a redelivery of the long batch would arrive before this marker.
    await harness.sink.publish([click(4, 'long-user')]);
    await waitUntil(() => handled.length >= 4, { description: 'the marker event' });
    expect(new Set(handled).size).toBe(handled.length);
    expect(handled).toHaveLength(4);
  });
});
