// A malformed message must land in the dead-letter topic with its reason, and never block the events after it.
import { openPostgresStorage, type PostgresStorage } from '@recsys/postgres-adapters';
import type { KafkaMessage } from 'kafkajs';
import { AppProcess } from './support/app-process';
import { createIsolatedStack, type IsolatedStack } from './support/isolated-stack';
import { plantedTasteHistory } from './support/storefront-data';
import { waitFor } from './support/wait-for';

jest.setTimeout(180_000);

describe('dead letters on real Kafka', () => {
  let stack: IsolatedStack;
  let ingestor: AppProcess;
  let storage: PostgresStorage;

  beforeAll(async () => {
    stack = await createIsolatedStack('e2e_dead_letters');
    ingestor = AppProcess.start('ingestor', stack.env);
    await ingestor.waitForLog(/consuming interaction events/, 60_000);
    storage = await openPostgresStorage({ kind: 'postgres', url: stack.database.url });
  });

  afterAll(async () => {
    await ingestor?.stop();
    await storage?.close();
    await stack?.cleanup();
  });

  it('dead-letters bad messages with the reason and keeps processing the events after them', async () => {
    const events = plantedTasteHistory(21).events.slice(0, 40);
    const invalid = { ...events[1], eventId: 'bad-1', type: 'teleport' };
    const producer = stack.kafka.producer();
    await producer.connect();
    await producer.send({
      topic: stack.topic,
      acks: -1,
      messages: [
        { key: events[0].userId, value: JSON.stringify(events[0]) },
        { key: events[0].userId, value: '{"this is": not json' },
        { key: events[0].userId, value: JSON.stringify(invalid) },
        ...events.slice(1).map((e) => ({ key: e.userId, value: JSON.stringify(e) })),
      ],
    });
    await producer.disconnect();

    const ids = events.map((e) => e.eventId);
    await waitFor(async () => (await storage.eventLog.countByEventIds(ids)) === ids.length, {
      timeoutMs: 60_000,
      what: 'the good events in the event log',
      onTimeout: () => ingestor.logs,
    });
    expect(await storage.eventLog.count()).toBe(ids.length);

    const letters = await readTopic(stack, stack.deadLetterTopic, 2);
    const reasons = letters.map((m) => m.headers?.['dead-letter-reason']?.toString() ?? '');
    expect(letters.map((m) => m.value?.toString())).toEqual([
      '{"this is": not json',
      JSON.stringify(invalid),
    ]);
    expect(reasons[0]).toMatch(/not UTF-8 JSON/);
    expect(reasons[1]).toMatch(/^type: /);
    for (const letter of letters) {
      expect(letter.headers?.['original-position']?.toString()).toMatch(
        new RegExp(`^${stack.topic}/\\d+/\\d+$`),
      );
    }
  });
});

async function readTopic(
  stack: IsolatedStack,
  topic: string,
  count: number,
): Promise<KafkaMessage[]> {
  const consumer = stack.kafka.consumer({ groupId: `${stack.groupId}-reader` });
  const messages: KafkaMessage[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: ({ message }) => {
      messages.push(message);
      return Promise.resolve();
    },
  });
  try {
    await waitFor(() => messages.length >= count, {
      timeoutMs: 60_000,
      what: `${count} messages on ${topic}`,
    });
  } finally {
    await consumer.disconnect();
  }
  return messages;
}
