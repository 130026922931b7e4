// Property-based fuzzing of the ingestor with raw Kafka messages (issue 9). Invariants: the ingestor
// stays up; every message is either stored (its eventId is in the event log) or reported on the
// dead-letter topic with its original position; nothing is dropped silently; and a canary event sent to
// every partition after the batch is stored (no poison message stalls a partition).
import fc from 'fast-check';
import { openPostgresStorage, type PostgresStorage } from '@recsys/postgres-adapters';
import { AppProcess } from '../support/app-process';
import { createIsolatedStack, type IsolatedStack } from '../support/isolated-stack';
import { errorLines } from './failure-report';
import { fuzzSettings } from './fuzz-settings';
import { hostileMessage, type HostileMessage } from './hostile-messages';
import { readWholeTopic, sendCanaries } from './kafka-probes';

jest.setTimeout(240_000);

const { seed, numRuns } = fuzzSettings('fuzz kafka');
const PARTITIONS = 3;
const PREVIEW_CHARS = 200;
const BLOCKER_CANDIDATES = 5;

describe('fuzzing the ingestor with raw Kafka messages', () => {
  let stack: IsolatedStack;
  let ingestor: AppProcess;
  let storage: PostgresStorage;
  const sent: { message: HostileMessage; offset: number }[] = [];

  beforeAll(async () => {
    stack = await createIsolatedStack('e2e_fuzz_kafka');
    const admin = stack.kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: stack.topic, numPartitions: PARTITIONS }] });
    await admin.disconnect();
    ingestor = AppProcess.start('ingestor', { ...stack.env, KAFKA_TOPIC_PARTITIONS: String(PARTITIONS) }); // prettier-ignore
    await ingestor.waitForLog(/consuming interaction events/, 60_000);
    storage = await openPostgresStorage({ kind: 'postgres', url: stack.database.url });

    const producer = stack.kafka.producer();
    await producer.connect();
    // One message per send: its offset is then known exactly, for matching dead letters.
    for (const message of fc.sample(hostileMessage(PARTITIONS), { seed, numRuns: numRuns * 2 })) {
      const [metadata] = await producer.send({ topic: stack.topic, acks: -1, messages: [message] });
      sent.push({ message, offset: Number(metadata.baseOffset) });
    }
    await producer.disconnect();
  });

  afterAll(async () => {
    await ingestor?.stop();
    await storage?.close();
    await stack?.cleanup();
  });

  it('keeps every partition moving: a canary sent after the batch is stored on each', async () => {
    const { partitions, stalled } = await sendCanaries(stack.kafka, {
      topic: stack.topic,
      groupId: stack.groupId,
      storage,
      timeoutMs: 45_000,
    });
    expect(partitions).toBe(PARTITIONS);
    if (stalled.length > 0) {
      // The redelivered batch starts at the committed offset; the poison message is among its first ones.
      const blockers = stalled.map((lag) => {
        const next = sent
          .filter((s) => s.message.partition === lag.partition && s.offset >= lag.committedOffset)
          .slice(0, BLOCKER_CANDIDATES)
          .map((s) => `  offset ${s.offset}: ${preview(s.message.value)}`);
        return `partition ${lag.partition}: committed ${lag.committedOffset} of ${lag.endOffset}; the messages from there:\n${next.join('\n')}`; // prettier-ignore
      });
      throw new Error(`stalled partitions (seed ${seed}):\n${blockers.join('\n')}\n--- ingestor errors:\n${errorLines(ingestor.logs)}`); // prettier-ignore
    }
    expect(ingestor.child.exitCode).toBeNull();
  });

  it('stores or dead-letters every message, never drops one silently', async () => {
    const letters = await readWholeTopic(stack.kafka, {
      topic: stack.deadLetterTopic,
      groupId: `${stack.groupId}-fuzz-reader`,
      timeoutMs: 30_000,
    });
    const deadLettered = new Set(
      letters.map((letter) => letter.headers?.['original-position']?.toString() ?? ''),
    );
    const dropped: string[] = [];
    for (const { message, offset } of sent) {
      if (deadLettered.has(`${stack.topic}/${message.partition}/${offset}`)) continue;
      const eventId = eventIdOf(message.value);
      if (eventId !== null && (await isStored(storage, eventId))) continue;
      dropped.push(`partition ${message.partition} offset ${offset}: ${preview(message.value)}`);
    }
    expect(letters.length).toBeGreaterThan(0);
    if (dropped.length > 0) {
      throw new Error(`${dropped.length} of ${sent.length} messages neither stored nor dead-lettered (seed ${seed}), e.g.:\n${dropped.slice(0, 10).join('\n')}`); // prettier-ignore
    }
  });
});

function eventIdOf(value: Buffer | null): string | null {
  try {
    const parsed = JSON.parse(value?.toString('utf8') ?? 'null') as { eventId?: unknown } | null;
    return typeof parsed?.eventId === 'string' ? parsed.eventId : null;
  } catch {
    return null;
  }
}

// PostgreSQL text cannot hold NUL: such an id cannot be in the log (and querying for it fails).
async function isStored(storage: PostgresStorage, eventId: string): Promise<boolean> {
  if (eventId.includes('\u0000')) return false;
  return (await storage.eventLog.countByEventIds([eventId])) === 1;
}

function preview(value: Buffer | null): string {
  return value === null ? 'null' : JSON.stringify(value.toString('utf8').slice(0, PREVIEW_CHARS));
}
