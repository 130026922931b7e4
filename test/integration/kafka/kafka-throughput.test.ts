// Throughput of the Kafka adapters on the real broker, logged as a figure (not asserted: speed belongs
// to benchmarks; the assertions only check that every event made the trip).
// Size: KAFKA_THROUGHPUT_EVENTS (default 50,000), published in batches of 500.
import type { InteractionEventV1 } from '@recsys/interaction-events';
import { waitUntil } from '../contracts/event-stream-wait';
import {
  createKafkaEventStreamHarness,
  type KafkaEventStreamHarness,
} from './kafka-event-stream-harness';

jest.setTimeout(180_000);

const EVENT_COUNT = Number(process.env.KAFKA_THROUGHPUT_EVENTS ?? 50_000);
const BATCH_SIZE = 500;

function makeEvent(n: number): InteractionEventV1 {
  return {
    eventId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    userId: `user-${n % 997}`,
    itemId: `item-${(n * 31) % 50_000}`,
    type: 'click',
    timestamp: new Date(Date.UTC(2025, 0, 1) + n * 1_000).toISOString(),
  };
}

function perSecond(count: number, elapsedMs: number): number {
  return Math.round((count * 1_000) / elapsedMs);
}

describe('Kafka adapters throughput', () => {
  let harness: KafkaEventStreamHarness;

  beforeAll(() => {
    harness = createKafkaEventStreamHarness();
  });

  afterAll(() => harness.dispose());

  it(`publishes ${EVENT_COUNT} events in batches of ${BATCH_SIZE} and consumes them into a no-op handler`, async () => {
    const events = Array.from({ length: EVENT_COUNT }, (_unused, n) => makeEvent(n));
    await harness.sink.publish(events.slice(0, 1)); // connect and create topics outside the timing
    const produceStart = performance.now();
    for (let start = 1; start < events.length; start += BATCH_SIZE) {
      await harness.sink.publish(events.slice(start, start + BATCH_SIZE));
    }
    const produceMs = performance.now() - produceStart;

    let consumed = 0;
    let firstAt = 0;
    let lastAt = 0;
    const source = harness.createSource();
    const startAt = performance.now();
    await source.start((batch) => {
      if (consumed === 0) firstAt = performance.now();
      consumed += batch.length;
      lastAt = performance.now();
      return Promise.resolve();
    });
    await waitUntil(() => consumed >= EVENT_COUNT, {
      description: `${EVENT_COUNT} events`,
      timeoutMs: 120_000,
    });
    await source.stop();

    const figures = {
      events: EVENT_COUNT,
      produceEventsPerSecond: perSecond(EVENT_COUNT - 1, produceMs),
      consumeEventsPerSecond: perSecond(EVENT_COUNT, lastAt - firstAt),
      consumeIncludingJoinEventsPerSecond: perSecond(EVENT_COUNT, lastAt - startAt),
    };
    console.log(`kafka throughput ${JSON.stringify(figures)}`);
    expect(consumed).toBe(EVENT_COUNT);
  });
});
