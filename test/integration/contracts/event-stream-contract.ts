// The contract of the event-stream ports (EventSink, EventSource, DeadLetterSink), written once and run
// against every adapter: real Kafka and the in-process channel of the embedded mode.
import type { DeadLetterSink, EventSink, EventSource, RawMessage } from '@recsys/domain';
import type { InteractionEventV1 } from '@recsys/interaction-events';
import { waitUntil } from './event-stream-wait';

/** A dead letter as read back from where the adapter stores it. */
export interface StoredDeadLetter {
  key: string | null;
  value: Buffer | null;
  reason: string;
  originalPosition: string;
}

/** One fresh, isolated stream (own topics and consumer group) per test. */
export interface EventStreamHarness {
  sink: EventSink;
  deadLetters: DeadLetterSink;
  /** A source in the harness's one consumer group; call again after stop() for a restarted member. */
  createSource(): EventSource;
  /** Reads back the first `count` dead letters sent so far. */
  readDeadLetters(count: number): Promise<StoredDeadLetter[]>;
  dispose(): Promise<void>;
}

/** A delivery as the handler saw it; `ok` says whether the handler resolved it. */
interface Delivery {
  messages: RawMessage[];
  ok: boolean;
}

function makeEvents(count: number, users: number, offset = 0): InteractionEventV1[] {
  return Array.from({ length: count }, (_unused, index) => ({
    eventId: `e-${offset + index}`,
    userId: `user-${(offset + index) % users}`,
    itemId: `item-${(offset + index) * 7}`,
    type: 'click' as const,
    timestamp: new Date(Date.UTC(2025, 0, 1, 0, 0, offset + index)).toISOString(),
  }));
}

function decode(message: RawMessage): InteractionEventV1 {
  return JSON.parse(message.value!.toString('utf8')) as InteractionEventV1;
}

function partitionOf(position: string): string {
  return position.slice(0, position.lastIndexOf('/'));
}

/** Starts `source` with a handler that records every delivery and rejects while `reject()` says so. */
async function record(
  source: EventSource,
  reject: (messages: RawMessage[]) => boolean = () => false,
): Promise<Delivery[]> {
  const deliveries: Delivery[] = [];
  await source.start((batch) => {
    const messages = [...batch];
    const ok = !reject(messages);
    deliveries.push({ messages, ok });
    return ok ? Promise.resolve() : Promise.reject(new Error('handler failed on purpose'));
  });
  return deliveries;
}

function handled(deliveries: Delivery[]): RawMessage[] {
  return deliveries.filter((delivery) => delivery.ok).flatMap((delivery) => delivery.messages);
}

async function deliversPublishedEvents(harness: EventStreamHarness): Promise<void> {
  const events = makeEvents(30, 5);
  await harness.sink.publish(events.slice(0, 10));
  await harness.sink.publish(events.slice(10));
  const deliveries = await record(harness.createSource());
  await waitUntil(() => handled(deliveries).length >= events.length, {
    description: '30 events',
  });

  const received = handled(deliveries);
  const byId = new Map(events.map((event) => [event.eventId, event]));
  expect(received.map((message) => decode(message).eventId).sort()).toEqual(
    events.map((event) => event.eventId).sort(),
  );
  for (const message of received) {
    const original = byId.get(decode(message).eventId)!;
    expect(message.key).toBe(original.userId);
    expect(message.value).toEqual(Buffer.from(JSON.stringify(original), 'utf8'));
  }
  expect(new Set(received.map((message) => message.position)).size).toBe(events.length);
}

async function keepsPerUserOrder(harness: EventStreamHarness): Promise<void> {
  const events = makeEvents(200, 4);
  for (let start = 0; start < events.length; start += 25) {
    await harness.sink.publish(events.slice(start, start + 25));
  }
  const deliveries = await record(harness.createSource());
  await waitUntil(() => handled(deliveries).length >= events.length, {
    description: '200 events',
  });

  const received = handled(deliveries).map(decode);
  for (const userId of ['user-0', 'user-1', 'user-2', 'user-3']) {
    const order = (list: InteractionEventV1[]) =>
      list.filter((event) => event.userId === userId).map((event) => event.eventId);
    expect(order(received)).toEqual(order(events));
  }
}

async function redeliversRejectedBatch(harness: EventStreamHarness): Promise<void> {
  const events = makeEvents(40, 8);
  await harness.sink.publish(events);
  let rejected: RawMessage[] | undefined;
  const deliveries = await record(harness.createSource(), (messages) => {
    if (rejected) return false;
    rejected = messages;
    return true;
  });
  await waitUntil(() => handled(deliveries).length >= events.length, {
    description: 'all 40 events handled after one rejection',
  });

  const rejectedPositions = rejected!.map((message) => message.position);
  const partition = partitionOf(rejectedPositions[0]);
  const redelivery = deliveries
    .slice(1)
    .find((delivery) => partitionOf(delivery.messages[0].position) === partition)!;
  expect(redelivery.ok).toBe(true);
  expect(redelivery.messages.slice(0, rejectedPositions.length).map((m) => m.position)).toEqual(
    rejectedPositions,
  );
  const handledIds = handled(deliveries).map((message) => decode(message).eventId);
  expect(handledIds.sort()).toEqual(events.map((event) => event.eventId).sort());
}

async function storesDeadLetters(harness: EventStreamHarness): Promise<void> {
  const letters = [
    {
      message: { key: 'user-1', value: Buffer.from('{not json'), position: 'p/0/4' },
      reason: 'INVALID_EVENT: bad JSON',
    },
    {
      message: { key: null, value: null, position: 'p/2/9' },
      reason: 'INVALID_EVENT: empty message',
    },
  ];
  await harness.deadLetters.send(letters);

  const stored = await harness.readDeadLetters(2);
  const byPosition = new Map(stored.map((letter) => [letter.originalPosition, letter]));
  expect(byPosition.get('p/0/4')).toEqual({
    key: 'user-1',
    value: Buffer.from('{not json'),
    reason: 'INVALID_EVENT: bad JSON',
    originalPosition: 'p/0/4',
  });
  expect(byPosition.get('p/2/9')).toMatchObject({
    reason: 'INVALID_EVENT: empty message',
    key: null,
  });
}

async function resumesAfterLastCommit(harness: EventStreamHarness): Promise<void> {
  // Same users in both rounds: on every partition the second round follows the first, so a
  // replay of a committed first-round batch would arrive before the second round completes.
  const firstRound = makeEvents(24, 6);
  const secondRound = makeEvents(24, 6, 24);
  await harness.sink.publish(firstRound);
  const first = harness.createSource();
  const firstDeliveries = await record(first);
  await waitUntil(() => handled(firstDeliveries).length >= firstRound.length, {
    description: 'the first round',
  });
  await first.stop();

  await harness.sink.publish(secondRound);
  const second = harness.createSource();
  const secondDeliveries = await record(second);
  await waitUntil(() => handled(secondDeliveries).length >= secondRound.length, {
    description: 'the second round',
  });
  await second.stop();

  const ids = (deliveries: Delivery[]) =>
    handled(deliveries)
      .map((m) => decode(m).eventId)
      .sort();
  expect(ids(firstDeliveries)).toEqual(firstRound.map((event) => event.eventId).sort());
  expect(ids(secondDeliveries)).toEqual(secondRound.map((event) => event.eventId).sort());
}

async function rejectsPublishAfterClose(harness: EventStreamHarness): Promise<void> {
  await harness.sink.close();
  await expect(harness.sink.publish(makeEvents(1, 1))).rejects.toMatchObject({
    code: 'EVENT_STREAM_CLOSED',
  });
}

/** The cases of the contract, each a title and a test body run against a fresh harness. */
const CASES: [string, (harness: EventStreamHarness) => Promise<void>][] = [
  [
    'delivers published events: value = the JSON bytes of the event, key = userId',
    deliversPublishedEvents,
  ],
  ["keeps each user's events in publish order", keepsPerUserOrder],
  ['delivers a rejected batch again, losing and skipping nothing', redeliversRejectedBatch],
  ['stores dead letters with their reason, original key, value and position', storesDeadLetters],
  [
    'resumes a restarted source of the same group after the last committed batch',
    resumesAfterLastCommit,
  ],
  ['rejects a publish after close with EVENT_STREAM_CLOSED', rejectsPublishAfterClose],
];

/** Registers the event-stream contract tests for one adapter. */
export function describeEventStreamContract(
  name: string,
  create: () => Promise<EventStreamHarness>,
): void {
  describe(`event stream contract: ${name}`, () => {
    let harness: EventStreamHarness;

    beforeEach(async () => {
      harness = await create();
    });

    afterEach(async () => {
      await harness.dispose();
    });

    it.each(CASES)('%s', (_title, run) => run(harness));
  });
}
