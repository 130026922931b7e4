// The ingestor killed with SIGKILL in the middle of a stream and restarted: every event is logged exactly
// once and the triplets are exactly those one uninterrupted pass would derive.
import { setTimeout as sleep } from 'node:timers/promises';
import { openPostgresStorage, type PostgresStorage } from '@recsys/postgres-adapters';
import { generateTasteClusters } from '@recsys/synthetic-data';
import { classifyInteraction, DEFAULT_INTERACTION_SIGNALS, deriveTriplets } from '@recsys/triplets';
import { AppProcess } from './support/app-process';
import { createIsolatedStack, type IsolatedStack } from './support/isolated-stack';
import { waitFor } from './support/wait-for';

jest.setTimeout(240_000);

const stream = generateTasteClusters({
  seed: 31,
  clusterCount: 8,
  itemsPerCluster: 50,
  usersPerCluster: 50,
  positivesPerUser: 10,
  noiseRate: 0.05,
  impressionsPerUser: 2,
  shownPerImpression: 5,
  dislikesPerUser: 2,
  start: new Date(Date.now() - 24 * 3600 * 1000),
  eventIdPrefix: 'crash-',
}).events;

describe('ingestor crash in the middle of a stream', () => {
  let stack: IsolatedStack;
  let storage: PostgresStorage;
  const ingestors: AppProcess[] = [];

  beforeAll(async () => {
    stack = await createIsolatedStack('e2e_crash');
    storage = await openPostgresStorage({ kind: 'postgres', url: stack.database.url });
  });

  afterAll(async () => {
    await Promise.all(ingestors.map((i) => i.stop()));
    await storage?.close();
    await stack?.cleanup();
  });

  it('loses nothing and duplicates nothing', async () => {
    ingestors.push(AppProcess.start('ingestor', stack.env));
    await ingestors[0].waitForLog(/consuming interaction events/, 60_000);
    const producing = produceSlowly(stack, 100, 40);

    await waitFor(async () => (await storage.eventLog.count()) >= 1000, {
      timeoutMs: 60_000,
      what: 'the first thousand events',
      onTimeout: () => ingestors[0].logs,
    });
    await ingestors[0].stop('SIGKILL');
    const atCrash = await storage.eventLog.count();
    expect(atCrash).toBeLessThan(stream.length);

    ingestors.push(AppProcess.start('ingestor', stack.env));
    await producing;
    const ids = stream.map((e) => e.eventId);
    await waitFor(async () => (await storage.eventLog.countByEventIds(ids)) === ids.length, {
      timeoutMs: 120_000,
      what: 'every event in the log after the restart',
      onTimeout: () => ingestors[1].logs,
    });
    expect(await storage.eventLog.count()).toBe(stream.length);

    const classified = stream.map((e) => classifyInteraction(e, DEFAULT_INTERACTION_SIGNALS));
    const expected = deriveTriplets(classified, new Map(), { maxTripletsPerEvent: 50 });
    const distinct = new Set(
      expected.map((t) =>
        [t.userId, t.positiveItemId, t.negativeItemId, t.sourceEventId].join('|'),
      ),
    );
    expect(await storage.tripletStore.countTriplets()).toBe(distinct.size);
  });
});

/** Produces the stream in batches with pauses, so the consumer is mid-stream when it is killed. */
async function produceSlowly(
  stack: IsolatedStack,
  batchSize: number,
  pauseMs: number,
): Promise<void> {
  const producer = stack.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  for (let i = 0; i < stream.length; i += batchSize) {
    await producer.send({
      topic: stack.topic,
      acks: -1,
      messages: stream
        .slice(i, i + batchSize)
        .map((e) => ({ key: e.userId, value: JSON.stringify(e) })),
    });
    await sleep(pauseMs);
  }
  await producer.disconnect();
}
