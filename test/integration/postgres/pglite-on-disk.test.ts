// The embedded PGlite in a data directory: everything written survives closing and reopening.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPostgresStorage } from '@recsys/postgres-adapters';
import { classifiedEvent, recordingDeriver, tripletPerLike } from '../contracts/event-log-fixtures';

const TIMEOUT_MS = 180_000;

describe('pglite storage on disk', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'recsys-pglite-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it(
    'keeps events, triplets and jobs across close and reopen',
    async () => {
      const events = [
        classifiedEvent({
          eventId: 'e1',
          userId: 'u1',
          itemId: 'a',
          minute: 1,
          polarity: 1,
          weight: 2,
        }),
        classifiedEvent({ eventId: 'e2', userId: 'u1', itemId: 'b', minute: 2, polarity: -1 }),
      ];
      const first = await openPostgresStorage({ kind: 'pglite', dataDir });
      await first.eventLog.append(events, recordingDeriver(tripletPerLike('b')).derive);
      const job = await first.jobQueue.enqueue({ epochs: 2 });
      await first.jobQueue.claimNext({ workerId: 'w1', staleAfterMs: 60_000 });
      const trainingSet = await first.tripletStore.loadTrainingSet();
      await first.close();

      const reopened = await openPostgresStorage({ kind: 'pglite', dataDir });
      try {
        expect(await reopened.eventLog.count()).toBe(2);
        expect(await reopened.tripletStore.loadTrainingSet()).toEqual(trainingSet);
        expect(trainingSet).toEqual({
          positives: [{ userId: 'u1', itemId: 'a', weight: 2, likedAtMs: expect.any(Number) }],
          signalCount: 2,
          triplets: [
            { userId: 'u1', positiveItemId: 'a', negativeItemId: 'b', sourceEventId: 'e1' },
          ],
        });
        expect(await reopened.jobQueue.get(job.id)).toMatchObject({ status: 'running' });
        const replay = await reopened.eventLog.append(events, recordingDeriver().derive);
        expect(replay).toEqual({ inserted: 0, duplicates: 2, triplets: 0 });
      } finally {
        await reopened.close();
      }
    },
    TIMEOUT_MS,
  );
});
