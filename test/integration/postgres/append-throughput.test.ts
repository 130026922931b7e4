// Measures EventLog.append throughput in batches of 500 events (the ingestor's batch size) and prints it.
// Asserts only what was stored: speed is reported, never asserted (shared, noisy machines).
import type { ClassifiedEvent, EventLog, Triplet, TripletDeriver } from '@recsys/domain';
import { openPostgresStorage } from '@recsys/postgres-adapters';
import { createSuiteDatabase } from './storage-harness';
import { referenceInsertRate } from './append-throughput-reference';
import { classifiedEvent } from '../contracts/event-log-fixtures';

const TIMEOUT_MS = 600_000;
const BATCH_SIZE = 500;
const USERS = 2_000;
const ITEMS = 10_000;

/** A deterministic stream of events: 60% liked, 20% unliked, 20% neutral, over USERS x ITEMS. */
function eventBatches(options: {
  runId: string;
  batches: number;
  seed: number;
}): ClassifiedEvent[][] {
  let state = options.seed >>> 0;
  const next = (bound: number) => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state % bound;
  };
  return Array.from({ length: options.batches }, (_, batch) =>
    Array.from({ length: BATCH_SIZE }, (_, index) => {
      const roll = next(10);
      const polarity = roll < 6 ? 1 : roll < 8 ? -1 : 0;
      return classifiedEvent({
        eventId: `${options.runId}-${batch}-${index}`,
        userId: `u${next(USERS)}`,
        itemId: `i${next(ITEMS)}`,
        minute: batch * BATCH_SIZE + index,
        polarity,
        weight: polarity === 1 ? 1 + next(3) : 0,
      });
    }),
  );
}

/** Pairs each liked event with the user's three latest unliked items, and each unliked with three liked. */
const deriveFromHistory: TripletDeriver = (events, historyByUser) => {
  const triplets: Triplet[] = [];
  for (const { event, polarity } of events) {
    const history = historyByUser.get(event.userId);
    if (!history || polarity === 0) continue;
    const others = polarity === 1 ? history.negativeItemIds : history.positiveItemIds;
    for (const other of others.slice(0, 3)) {
      const [positiveItemId, negativeItemId] =
        polarity === 1 ? [event.itemId, other] : [other, event.itemId];
      triplets.push({
        userId: event.userId,
        positiveItemId,
        negativeItemId,
        sourceEventId: event.eventId,
      });
    }
  }
  return triplets;
};

/** Appends every batch in order; returns events per second and the summed append results. */
async function appendAll(eventLog: EventLog, batches: ClassifiedEvent[][]) {
  const totals = { inserted: 0, duplicates: 0, triplets: 0 };
  const startedAt = process.hrtime.bigint();
  for (const batch of batches) {
    const result = await eventLog.append(batch, deriveFromHistory);
    totals.inserted += result.inserted;
    totals.duplicates += result.duplicates;
    totals.triplets += result.triplets;
  }
  const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
  return { eventsPerSecond: Math.round((batches.length * BATCH_SIZE) / seconds), ...totals };
}

/** `streams` appenders at once, each on users of its own (as Kafka partitions keyed by user give them). */
async function appendConcurrently(eventLog: EventLog, streams: number) {
  const perStream = Array.from({ length: streams }, (_, stream) =>
    eventBatches({ runId: `stream${stream}`, batches: 10, seed: 500 + stream }).map((batch) =>
      batch.map((classified) => ({
        ...classified,
        event: { ...classified.event, userId: `s${stream}-${classified.event.userId}` },
      })),
    ),
  );
  const startedAt = process.hrtime.bigint();
  const results = await Promise.all(perStream.map((batches) => appendAll(eventLog, batches)));
  const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
  const inserted = results.reduce((sum, result) => sum + result.inserted, 0);
  return { inserted, eventsPerSecond: Math.round(inserted / seconds) };
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

describe('EventLog.append throughput (batches of 500)', () => {
  it(
    'on PostgreSQL: reports events/s for new events and for replays',
    async () => {
      const database = await createSuiteDatabase('append_throughput');
      const storage = await openPostgresStorage({ kind: 'postgres', url: database.url });
      try {
        await appendAll(storage.eventLog, eventBatches({ runId: 'warmup', batches: 4, seed: 1 }));
        const runs = [];
        for (let run = 0; run < 3; run += 1) {
          const batches = eventBatches({ runId: `run${run}`, batches: 40, seed: 100 + run });
          // Interleaved with the runs, so both see the same load on this shared machine.
          const referenceEventsPerSecond = await referenceInsertRate(database.url, batches);
          const result = await appendAll(storage.eventLog, batches);
          expect(result.inserted).toBe(40 * BATCH_SIZE);
          runs.push({ ...result, ratio: result.eventsPerSecond / referenceEventsPerSecond });
        }
        const replay = await appendAll(
          storage.eventLog,
          eventBatches({ runId: 'run0', batches: 40, seed: 100 }),
        );
        expect(replay).toMatchObject({ inserted: 0, duplicates: 40 * BATCH_SIZE, triplets: 0 });
        const concurrent = await appendConcurrently(storage.eventLog, 4);
        expect(concurrent.inserted).toBe(4 * 10 * BATCH_SIZE);
        expect(await storage.eventLog.count()).toBe((4 + 3 * 40 + 4 * 10) * BATCH_SIZE);
        const rates = runs.map((run) => run.eventsPerSecond);
        const ratios = runs.map((run) => run.ratio.toFixed(2));
        console.log(
          [
            `[append throughput] postgres, batches of ${BATCH_SIZE}:`,
            `new events ${rates.join(', ')} events/s (median ${median(rates)}),`,
            `vs a bare primary-key INSERT of the same batches ${ratios.join(', ')};`,
            `triplets per run ${runs.map((run) => run.triplets).join(', ')};`,
            `replays ${replay.eventsPerSecond} events/s;`,
            `4 concurrent appenders (disjoint users) ${concurrent.eventsPerSecond} events/s`,
          ].join(' '),
        );
      } finally {
        await storage.close();
        await database.drop();
      }
    },
    TIMEOUT_MS,
  );

  it(
    'on PGlite (in memory): reports events/s for new events',
    async () => {
      const storage = await openPostgresStorage({ kind: 'pglite' });
      try {
        const result = await appendAll(
          storage.eventLog,
          eventBatches({ runId: 'lite', batches: 20, seed: 7 }),
        );
        expect(result.inserted).toBe(20 * BATCH_SIZE);
        console.log(
          `[append throughput] pglite, batches of ${BATCH_SIZE}: ${result.eventsPerSecond} events/s, ` +
            `${result.triplets} triplets`,
        );
      } finally {
        await storage.close();
      }
    },
    TIMEOUT_MS,
  );
});
