// The event sink against the real broker at its limits (issue 9, item 7): a batch above the broker's
// message size is split under it and arrives whole; what the broker can never take is EVENT_TOO_LARGE
// (a 413 at the api, not a retriable 503); an unreachable broker fails within the publish budget.
import { createServer, type AddressInfo } from 'node:net';
import { DomainError } from '@recsys/domain';
import type { InteractionEventV1 } from '@recsys/interaction-events';
import { createKafkaClient, KafkaEventSink } from '@recsys/kafka-adapters';
import type { Kafka } from 'kafkajs';
import { serviceUrls, uniqueName } from '../../support/services';

const TIMEOUT_MS = 120_000;

/** `count` valid impression events of about 140 + 4 * `padLength` bytes of JSON each (padded ids). */
function bigEvents(count: number, padLength: number): InteractionEventV1[] {
  const pad = 'p'.repeat(padLength);
  return Array.from({ length: count }, (_, i) => ({
    eventId: `e-${i}-${pad}`,
    userId: `u-${i % 50}-${pad}`,
    itemId: `i-${i}-${pad}`,
    type: 'impression',
    shownItemIds: [`i-${i}-${pad}`],
    timestamp: '2026-12-01T00:00:00.000Z',
  }));
}

async function codeOf(work: Promise<unknown>): Promise<string | undefined> {
  try {
    await work;
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? error.code : `not a DomainError: ${String(error)}`;
  }
}

async function messagesIn(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
  } finally {
    await admin.disconnect();
  }
}

describe('KafkaEventSink at the broker limits', () => {
  const brokers = serviceUrls().kafkaBrokers;
  const kafka = createKafkaClient({ brokers, clientId: 'sink-limits-test' });
  const topics: string[] = [];
  const sinks: KafkaEventSink[] = [];
  const sinkFor = (topic: string, extra: { maxRequestBytes?: number } = {}) => {
    const sink = new KafkaEventSink({
      brokers,
      clientId: `test-${topic}`,
      topic,
      partitions: 1,
      ...extra,
    });
    sinks.push(sink);
    return sink;
  };

  afterAll(async () => {
    await Promise.all(sinks.map((sink) => sink.close().catch(() => undefined)));
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics }).catch(() => undefined);
    await admin.disconnect();
  }, TIMEOUT_MS);

  it(
    'delivers a 1,000-event batch of more than 1 MB (above message.max.bytes) by splitting it',
    async () => {
      const topic = uniqueName('sink_big');
      topics.push(topic);
      const events = bigEvents(1000, 226);
      // Under the api's 1 MiB body limit, above the broker's default message.max.bytes (1,048,588).
      const jsonBytes = Buffer.byteLength(JSON.stringify(events));
      expect(jsonBytes).toBeGreaterThan(1_000_000);
      expect(jsonBytes).toBeLessThan(1_048_576);
      // Sent as one request the broker refuses it: the limit is real.
      expect(await codeOf(sinkFor(topic, { maxRequestBytes: 4_000_000 }).publish(events))).toBe(
        'EVENT_TOO_LARGE',
      );
      await sinkFor(topic).publish(events);
      expect(await messagesIn(kafka, topic)).toBe(1000);
    },
    TIMEOUT_MS,
  );

  describe('on a topic whose max.message.bytes is 20,000', () => {
    let topic: string;
    beforeAll(async () => {
      topic = uniqueName('sink_small');
      topics.push(topic);
      const admin = kafka.admin();
      await admin.connect();
      await admin.createTopics({
        waitForLeaders: true,
        topics: [
          {
            topic,
            numPartitions: 1,
            configEntries: [{ name: 'max.message.bytes', value: '20000' }],
          },
        ],
      });
      await admin.disconnect();
    }, TIMEOUT_MS);

    it(
      'rejects with EVENT_TOO_LARGE, not a retriable failure, when a request is above it',
      async () => {
        const started = Date.now();
        expect(await codeOf(sinkFor(topic).publish(bigEvents(100, 170)))).toBe('EVENT_TOO_LARGE');
        expect(Date.now() - started).toBeLessThan(10_000);
      },
      TIMEOUT_MS,
    );

    it(
      'delivers the same events split under a matching maxRequestBytes',
      async () => {
        const before = await messagesIn(kafka, topic);
        await sinkFor(topic, { maxRequestBytes: 15_000 }).publish(bigEvents(100, 170));
        expect((await messagesIn(kafka, topic)) - before).toBe(100);
      },
      TIMEOUT_MS,
    );

    it(
      'rejects one event above maxRequestBytes as EVENT_TOO_LARGE without sending it',
      async () => {
        const before = await messagesIn(kafka, topic);
        const code = await codeOf(
          sinkFor(topic, { maxRequestBytes: 10_000 }).publish(bigEvents(1, 170)),
        );
        expect(code).toBeUndefined();
        const tooBig = { ...bigEvents(1, 170)[0], shownItemIds: Array(60).fill('x'.repeat(200)) };
        const sink = sinkFor(topic, { maxRequestBytes: 10_000 });
        expect(
          await codeOf(sink.publish([{ ...tooBig, type: 'impression', itemId: 'x'.repeat(200) }])),
        ).toBe('EVENT_TOO_LARGE');
        expect((await messagesIn(kafka, topic)) - before).toBe(1);
      },
      TIMEOUT_MS,
    );
  });

  it(
    'fails with EVENT_PUBLISH_FAILED within publishTimeoutMs when the broker never answers',
    async () => {
      // A "broker" that accepts connections and stays silent: the worst case, a hung network.
      const server = createServer(() => undefined);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const port = (server.address() as AddressInfo).port;
      const sink = new KafkaEventSink({
        brokers: [`127.0.0.1:${port}`],
        clientId: 'silent-broker',
        topic: 'never',
        publishTimeoutMs: 1500,
      });
      try {
        const started = Date.now();
        expect(await codeOf(sink.publish(bigEvents(1, 10)))).toBe('EVENT_PUBLISH_FAILED');
        const elapsedMs = Date.now() - started;
        expect(elapsedMs).toBeGreaterThanOrEqual(1400);
        expect(elapsedMs).toBeLessThan(3000);
      } finally {
        server.close();
        await sink.close().catch(() => undefined);
      }
    },
    TIMEOUT_MS,
  );
});
