// No single message, crash or outage stops ingestion: a message the event log rejects on its own is
// dead-lettered alone and its partition keeps flowing; an outage of PostgreSQL or Redis dead-letters nothing
// and loses nothing. The ingestor's module runs in this process on real Kafka, PostgreSQL and Redis; the
// outages are cuts of TCP proxies this suite owns.
import type { KafkaMessage } from 'kafkajs';
import { waitFor } from '../../e2e/support/wait-for';
import {
  clickValue,
  startIngestorHarness,
  waitForStored,
  type IngestorHarness,
} from './ingestor-harness';

jest.setTimeout(180_000);

describe('ingestor isolation and outages (Kafka + PostgreSQL + Redis)', () => {
  let harness: IngestorHarness;

  beforeAll(async () => {
    harness = await startIngestorHarness('ingestor_isolation');
    // A deterministic database failure for a message that passes validation: the kind of poison pill
    // validation cannot foresee (as the +16:00 offset was before it was normalised).
    await harness.sql.query(`
      CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.item_id = 'poison-item' THEN RAISE EXCEPTION 'poison item refused'; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER refuse_poison BEFORE INSERT ON interaction_events
        FOR EACH ROW EXECUTE FUNCTION refuse_poison();`);
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('dead-letters a poison message alone, with error and position, and stores every later message of the partition', async () => {
    const before = Array.from({ length: 20 }, (_, i) =>
      clickValue(`p-before-${i}`, 'user-p', `item-${i}`),
    );
    const poison = clickValue('p-poison', 'user-p', 'poison-item');
    const farEast = clickValue('p-plus16', 'user-p', 'item-east', {
      timestamp: '2026-01-01T00:00:00+16:00',
    });
    const surrogate = clickValue('p-surrogate', 'user-p\ud800', 'item-s');
    const after = Array.from({ length: 20 }, (_, i) =>
      clickValue(`p-after-${i}`, 'user-p', `item-a${i}`),
    );
    await harness.produce('user-p', [...before, poison, farEast, surrogate, ...after]);

    const valid = [...before, farEast, ...after].map(
      (v) => (JSON.parse(v) as { eventId: string }).eventId,
    );
    await waitForStored(harness, valid, 'every valid message of the partition');
    const stored = await harness.storedEventIds();
    expect(stored.sort()).toEqual([...valid].sort());
    const { rows } = await harness.sql.query<{ at: string }>(
      "SELECT to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS at FROM interaction_events WHERE event_id = 'p-plus16'",
    );
    expect(rows).toEqual([{ at: '2025-12-31 08:00' }]);

    const letters = await readDeadLetters(harness, 2);
    const byId = new Map(
      letters.map((m) => [JSON.parse(m.value!.toString()).eventId as string, m]),
    );
    const poisonLetter = byId.get('p-poison')!;
    expect(poisonLetter.value!.toString()).toBe(poison);
    expect(header(poisonLetter, 'dead-letter-reason')).toMatch(
      /event log rejected it: .*poison item refused/,
    );
    expect(header(poisonLetter, 'original-topic')).toBe(harness.stream.options.topic);
    expect(header(poisonLetter, 'original-offset')).toBe('20');
    expect(header(poisonLetter, 'original-partition')).toMatch(/^\d$/);
    // The lone surrogate is a validation error naming the field, not a database one.
    expect(header(byId.get('p-surrogate')!, 'dead-letter-reason')).toMatch(
      /^userId: .*well-formed Unicode/,
    );
    expect(await harness.deadLetterCount()).toBe(2);
    await waitFor(() => harness.offsetsCommittedToEnd(), {
      timeoutMs: 30_000,
      what: 'offsets at the end',
    });
  });

  it('keeps valid messages through a database outage: retried, never dead-lettered, all stored once it is back', async () => {
    const lettersBefore = await harness.deadLetterCount();
    const redeliveriesBefore = harness.redeliveries.length;
    const values = Array.from({ length: 30 }, (_, i) =>
      clickValue(`d-${i}`, `user-d${i % 3}`, `item-d${i}`),
    );
    await harness.databaseProxy.cut();
    try {
      await harness.produce('user-d', values.slice(0, 15));
      await harness.produce('user-e', values.slice(15));
      await waitFor(() => harness.redeliveries.length >= redeliveriesBefore + 3, {
        timeoutMs: 60_000,
        what: 'the batches to fail and be redelivered during the outage',
      });
      expect(await harness.deadLetterCount()).toBe(lettersBefore);
    } finally {
      await harness.databaseProxy.restore();
    }
    const ids = values.map((v) => (JSON.parse(v) as { eventId: string }).eventId);
    await waitForStored(harness, ids, 'the events of the outage');
    expect(await harness.deadLetterCount()).toBe(lettersBefore);
    const outageErrors = harness.redeliveries
      .slice(redeliveriesBefore)
      .map((r) => String((r.error as Error).message));
    expect(outageErrors.filter((m) => !/database unavailable/.test(m))).toEqual([]);
  });

  it('keeps the durable path flowing while Redis is away, then catches the realtime store up on every event', async () => {
    await harness.redisProxy.cut();
    try {
      await expectDurablePathWithoutRedis();
    } finally {
      await harness.redisProxy.restore();
    }
  });

  async function expectDurablePathWithoutRedis(): Promise<void> {
    const users = ['user-r1', 'user-r2', 'user-r3'];
    const values = users.flatMap((user, u) =>
      Array.from({ length: 10 }, (_, i) => clickValue(`r-${u}-${i}`, user, `item-r${u}-${i}`)),
    );
    for (const user of users)
      await harness.produce(
        user,
        values.filter((v) => v.includes(`"${user}"`)),
      );
    const ids = values.map((v) => (JSON.parse(v) as { eventId: string }).eventId);
    await waitForStored(harness, ids, 'the events produced while Redis is away');
    await waitFor(() => harness.offsetsCommittedToEnd(), {
      timeoutMs: 30_000,
      what: 'offsets to advance while Redis is away',
      onTimeout: () => harness.lastOffsets,
    });
    const { rows } = await harness.sql.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM realtime_backlog',
    );
    expect(rows[0].n).toBeGreaterThanOrEqual(ids.length);
    expect(harness.consumer.realtime.isBehind).toBe(true);

    await harness.redisProxy.restore();
    await waitFor(
      async () =>
        (await harness.sql.query('SELECT 1 FROM realtime_backlog LIMIT 1')).rowCount === 0,
      { timeoutMs: 60_000, what: 'the realtime backlog to drain' },
    );
    for (const [u, user] of users.entries()) {
      const recent = await harness.reader.recentInteractions(user, 50);
      // Replayed from the log with when each event was received (what a late event is judged by).
      expect(recent.filter((r) => !r.receivedAt || Number.isNaN(Date.parse(r.receivedAt)))).toEqual(
        [],
      );
      expect(recent.map((r) => r.itemId).sort()).toEqual(
        Array.from({ length: 10 }, (_, i) => `item-r${u}-${i}`).sort(),
      );
    }
    const popular = new Set(
      (await harness.reader.popularItems(1000, new Date())).map((p) => p.itemId),
    );
    expect(
      ids
        .map((id) => id.replace(/^r-(\d)-(\d+)$/, 'item-r$1-$2'))
        .filter((item) => !popular.has(item)),
    ).toEqual([]);
  }
});

function header(message: KafkaMessage, name: string): string | undefined {
  return message.headers?.[name]?.toString();
}

async function readDeadLetters(harness: IngestorHarness, count: number): Promise<KafkaMessage[]> {
  // The sink creates the topic on first use: subscribe once it holds the letters.
  await waitFor(
    () =>
      harness.deadLetterCount().then(
        (n) => n >= count,
        () => false,
      ),
    {
      timeoutMs: 60_000,
      what: `${count} messages on the dead-letter topic`,
    },
  );
  const consumer = harness.stream.kafka.consumer({
    groupId: `${harness.stream.options.groupId}-dl-reader`,
  });
  const messages: KafkaMessage[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic: harness.stream.options.deadLetterTopic, fromBeginning: true });
  await consumer.run({
    eachMessage: ({ message }) => Promise.resolve(void messages.push(message)),
  });
  try {
    await waitFor(() => messages.length >= count, {
      timeoutMs: 60_000,
      what: `${count} dead letters`,
    });
  } finally {
    await consumer.disconnect();
  }
  return messages;
}
