// Job claims from several processes at once (one DataSource and pool each) on a real PostgreSQL server:
// exactly one claimer gets a job, and no second job starts while one runs.
import {
  openPostgresStorage,
  type PostgresStorage,
  STALE_JOB_ERROR,
} from '@recsys/postgres-adapters';
import type { TestDatabase } from '../../support/services';
import { createSuiteDatabase } from './storage-harness';

const TIMEOUT_MS = 120_000;
const LIVE_MS = 60 * 60_000;
const PROCESSES = 4;
const CLAIMERS_PER_PROCESS = 3;

describe('job claims across processes (postgres)', () => {
  let database: TestDatabase;
  let processes: PostgresStorage[];

  beforeAll(async () => {
    database = await createSuiteDatabase('job_claim_concurrency');
    processes = await Promise.all(
      Array.from({ length: PROCESSES }, () =>
        openPostgresStorage({
          kind: 'postgres',
          url: database.url,
          poolSize: CLAIMERS_PER_PROCESS,
        }),
      ),
    );
  }, TIMEOUT_MS);

  afterAll(async () => {
    await Promise.all((processes ?? []).map((storage) => storage.close()));
    await database?.drop();
  }, TIMEOUT_MS);

  /** Every claimer of every process calls claimNext at the same moment. */
  const claimAll = (staleAfterMs: number) =>
    Promise.all(
      processes.flatMap((storage, processIndex) =>
        Array.from({ length: CLAIMERS_PER_PROCESS }, (_, claimer) =>
          storage.jobQueue.claimNext({ workerId: `p${processIndex}-c${claimer}`, staleAfterMs }),
        ),
      ),
    ).then((claims) => claims.filter((claimed) => claimed !== null));

  it(
    'hands each job to exactly one claimer and never runs two at once',
    async () => {
      const queue = processes[0].jobQueue;
      for (let round = 0; round < 5; round += 1) {
        const first = await queue.enqueue({ round, position: 1 });
        const second = await queue.enqueue({ round, position: 2 });

        const firstWinners = await claimAll(LIVE_MS);
        expect(firstWinners.map((job) => job.id)).toEqual([first.id]);
        expect(await claimAll(LIVE_MS)).toEqual([]);
        expect(await queue.get(second.id)).toMatchObject({ status: 'queued' });

        await processes[round % PROCESSES].jobQueue.complete(first.id, {
          metrics: { round },
          modelVersion: `v${round}`,
        });
        const secondWinners = await claimAll(LIVE_MS);
        expect(secondWinners.map((job) => job.id)).toEqual([second.id]);
        await queue.fail(second.id, 'end of round');
      }
    },
    TIMEOUT_MS,
  );

  it(
    'fails a stale job once and starts exactly one successor when every claimer sees it stale',
    async () => {
      const queue = processes[1].jobQueue;
      const stuck = await queue.enqueue({ name: 'stuck' });
      const successor = await queue.enqueue({ name: 'successor' });
      expect((await queue.claimNext({ workerId: 'crashed', staleAfterMs: LIVE_MS }))?.id).toBe(
        stuck.id,
      );

      // Older than the 1 s staleness below; the successor, claimed during claimAll, stays well within it.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const winners = await claimAll(1_000);
      expect(winners.map((job) => job.id)).toEqual([successor.id]);
      expect(await queue.get(stuck.id)).toMatchObject({ status: 'failed', error: STALE_JOB_ERROR });
      await queue.complete(successor.id, { metrics: {}, modelVersion: null });
    },
    TIMEOUT_MS,
  );

  it(
    'queues exactly one automatic job when every trainer of every process asks at once',
    async () => {
      for (let round = 0; round < 5; round += 1) {
        const asked = await Promise.all(
          processes.flatMap((storage) =>
            Array.from({ length: CLAIMERS_PER_PROCESS }, () =>
              storage.jobQueue.enqueueAutomatic('signals', { round }),
            ),
          ),
        );
        const queued = asked.filter((job) => job !== null);
        expect(queued).toHaveLength(1);
        const winners = await claimAll(LIVE_MS);
        expect(winners.map((job) => job.id)).toEqual([queued[0].id]);
        expect(await claimAll(LIVE_MS)).toEqual([]);
        await processes[0].jobQueue.complete(queued[0].id, { metrics: {}, modelVersion: null });
      }
    },
    TIMEOUT_MS,
  );
});
