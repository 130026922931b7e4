// The contract of the JobQueue port, written once and run against every adapter: PostgreSQL and the
// embedded PGlite. One storage per suite; after each test the queue is drained through the port itself.
import { DomainError, type JobQueue } from '@recsys/domain';

/** A job queue on storage of its own; `dispose` closes it. */
export interface JobQueueHarness {
  jobQueue: JobQueue;
  dispose(): Promise<void>;
}

const SETUP_TIMEOUT_MS = 120_000;
const LIVE_MS = 60 * 60_000; // a heartbeat this recent is never stale in a test
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const STALE_ERROR = 'trainer stopped responding';

async function codeOf(work: Promise<unknown>): Promise<string | undefined> {
  try {
    await work;
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? error.code : `not a DomainError: ${String(error)}`;
  }
}

/** Fails every running job (as stale) and every queued one, so the next test starts on an idle queue. */
async function drain(jobQueue: JobQueue): Promise<void> {
  for (;;) {
    const job = await jobQueue.claimNext({ workerId: 'drain', staleAfterMs: 0 });
    if (job === null) return;
    await jobQueue.fail(job.id, 'drained after test');
  }
}

/** Declares the JobQueue contract tests against the queue that `create` opens. */
export function describeJobQueueContract(
  name: string,
  create: () => Promise<JobQueueHarness>,
): void {
  describe(`JobQueue contract: ${name}`, () => {
    let harness: JobQueueHarness;
    let queue: JobQueue;

    beforeAll(async () => {
      harness = await create();
      queue = harness.jobQueue;
    }, SETUP_TIMEOUT_MS);
    afterAll(() => harness?.dispose(), SETUP_TIMEOUT_MS);
    afterEach(() => drain(queue));

    it('enqueues a job as queued and reads it back', async () => {
      const job = await queue.enqueue({ epochs: 3, note: 'x' });
      expect(job).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        status: 'queued',
        params: { epochs: 3, note: 'x' },
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        startedAt: null,
        finishedAt: null,
        metrics: null,
        modelVersion: null,
        error: null,
        progress: null,
      });
      expect(await queue.get(job.id)).toEqual(job);
    });

    it('returns null for a job that does not exist or an id that is not a job id', async () => {
      expect(await queue.get(UNKNOWN_ID)).toBeNull();
      expect(await queue.get('not-a-uuid')).toBeNull();
    });

    it('claims nothing from an empty queue', async () => {
      expect(await queue.claimNext({ workerId: 'w1', staleAfterMs: LIVE_MS })).toBeNull();
    });

    it('claims the oldest queued job first and marks it running', async () => {
      const first = await queue.enqueue({ order: 1 });
      await queue.enqueue({ order: 2 });
      const claimed = await queue.claimNext({ workerId: 'w1', staleAfterMs: LIVE_MS });
      expect(claimed).toMatchObject({ id: first.id, status: 'running', params: { order: 1 } });
      expect(claimed!.startedAt).not.toBeNull();
      expect(await queue.get(first.id)).toMatchObject({ status: 'running' });
    });

    it('claims no second job while one is running, and the next one after it finishes', async () => {
      const first = await queue.enqueue({});
      const second = await queue.enqueue({});
      await queue.claimNext({ workerId: 'w1', staleAfterMs: LIVE_MS });
      expect(await queue.claimNext({ workerId: 'w2', staleAfterMs: LIVE_MS })).toBeNull();
      expect(await queue.get(second.id)).toMatchObject({ status: 'queued' });
      await queue.complete(first.id, { metrics: { loss: 0.1 }, modelVersion: 'v1' });
      const next = await queue.claimNext({ workerId: 'w2', staleAfterMs: LIVE_MS });
      expect(next?.id).toBe(second.id);
    });

    it('hands a job to exactly one of several simultaneous claimers', async () => {
      const job = await queue.enqueue({});
      const claims = await Promise.all(
        ['w1', 'w2', 'w3', 'w4'].map((workerId) =>
          queue.claimNext({ workerId, staleAfterMs: LIVE_MS }),
        ),
      );
      const winners = claims.flatMap((claimed) => (claimed === null ? [] : [claimed.id]));
      expect(winners).toEqual([job.id]);
    });

    it('records the result of a completed job', async () => {
      const job = await queue.enqueue({});
      await queue.claimNext({ workerId: 'w1', staleAfterMs: LIVE_MS });
      await queue.heartbeat(job.id, 'w1');
      await queue.complete(job.id, {
        metrics: { recallAt10: 0.25, ndcgAt10: 0.5 },
        modelVersion: 'v42',
      });
      const done = await queue.get(job.id);
      expect(done).toMatchObject({
        status: 'succeeded',
        metrics: { recallAt10: 0.25, ndcgAt10: 0.5 },
        modelVersion: 'v42',
        error: null,
      });
      expect(Date.parse(done!.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(done!.startedAt!));
    });

    it('records the error of a failed job', async () => {
      const job = await queue.enqueue({});
      await queue.claimNext({ workerId: 'w1', staleAfterMs: LIVE_MS });
      await queue.fail(job.id, 'quality gate not passed');
      expect(await queue.get(job.id)).toMatchObject({
        status: 'failed',
        error: 'quality gate not passed',
        modelVersion: null,
        finishedAt: expect.any(String),
      });
    });

    it('refuses to finish a job that is not running', async () => {
      const queued = await queue.enqueue({});
      expect(await codeOf(queue.complete(queued.id, { metrics: {}, modelVersion: null }))).toBe(
        'JOB_NOT_RUNNING',
      );
      expect(await codeOf(queue.fail(queued.id, 'x'))).toBe('JOB_NOT_RUNNING');
      await queue.claimNext({ workerId: 'w1', staleAfterMs: LIVE_MS });
      await queue.complete(queued.id, { metrics: {}, modelVersion: 'v1' });
      expect(await codeOf(queue.complete(queued.id, { metrics: {}, modelVersion: 'v2' }))).toBe(
        'JOB_NOT_RUNNING',
      );
      expect(await codeOf(queue.fail(queued.id, 'late'))).toBe('JOB_NOT_RUNNING');
      expect(await queue.get(queued.id)).toMatchObject({ status: 'succeeded', modelVersion: 'v1' });
    });

    it('refuses to finish or heartbeat a job that does not exist', async () => {
      const result = { metrics: {}, modelVersion: null };
      expect(await codeOf(queue.complete(UNKNOWN_ID, result))).toBe('JOB_NOT_FOUND');
      expect(await codeOf(queue.fail(UNKNOWN_ID, 'x'))).toBe('JOB_NOT_FOUND');
      expect(await codeOf(queue.heartbeat(UNKNOWN_ID, 'w1'))).toBe('JOB_NOT_FOUND');
      expect(await codeOf(queue.complete('not-a-uuid', result))).toBe('JOB_NOT_FOUND');
    });

    it('accepts heartbeats only from the worker running the job', async () => {
      const job = await queue.enqueue({});
      expect(await codeOf(queue.heartbeat(job.id, 'w1'))).toBe('JOB_NOT_RUNNING');
      await queue.claimNext({ workerId: 'w1', staleAfterMs: LIVE_MS });
      expect(await codeOf(queue.heartbeat(job.id, 'w1'))).toBeUndefined();
      expect(await codeOf(queue.heartbeat(job.id, 'w2'))).toBe('JOB_NOT_RUNNING');
    });

    it('fails a running job whose heartbeat is stale and claims the next one', async () => {
      const stuck = await queue.enqueue({});
      const next = await queue.enqueue({});
      await queue.claimNext({ workerId: 'crashed', staleAfterMs: LIVE_MS });
      expect(await queue.claimNext({ workerId: 'w2', staleAfterMs: LIVE_MS })).toBeNull();
      expect(await queue.get(stuck.id)).toMatchObject({ status: 'running' });

      const claimed = await queue.claimNext({ workerId: 'w2', staleAfterMs: 0 });
      expect(claimed?.id).toBe(next.id);
      expect(await queue.get(stuck.id)).toMatchObject({
        status: 'failed',
        error: STALE_ERROR,
        finishedAt: expect.any(String),
      });
      expect(await codeOf(queue.heartbeat(stuck.id, 'crashed'))).toBe('JOB_NOT_RUNNING');
      expect(await codeOf(queue.complete(stuck.id, { metrics: {}, modelVersion: 'late' }))).toBe(
        'JOB_NOT_RUNNING',
      );
    });

    it('keeps a job whose heartbeat is fresh', async () => {
      const job = await queue.enqueue({});
      await queue.claimNext({ workerId: 'w1', staleAfterMs: LIVE_MS });
      // Older than the 1 s staleness below before the heartbeat, well within it after.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await queue.heartbeat(job.id, 'w1');
      expect(await queue.claimNext({ workerId: 'w2', staleAfterMs: 1_000 })).toBeNull();
      expect(await queue.get(job.id)).toMatchObject({ status: 'running' });
    });

    it('lists jobs newest first, a page at a time', async () => {
      const [a, b, c] = [
        await queue.enqueue({ n: 1 }),
        await queue.enqueue({ n: 2 }),
        await queue.enqueue({ n: 3 }),
      ];
      const first = await queue.list({ limit: 2 });
      expect(first.jobs.map((job) => job.id)).toEqual([c.id, b.id]);
      expect(first.jobs[0]).toEqual(c);
      expect(first.nextCursor).toEqual(expect.any(String));
      const second = await queue.list({ limit: 2, cursor: first.nextCursor! });
      expect(second.jobs[0].id).toBe(a.id);
    });

    it('ends the listing with a null cursor', async () => {
      let page = await queue.list({ limit: 50 });
      let pages = 1;
      while (page.nextCursor !== null && pages < 100) {
        page = await queue.list({ limit: 50, cursor: page.nextCursor });
        pages += 1;
      }
      expect(page.nextCursor).toBeNull();
      expect(page.jobs.length).toBeLessThanOrEqual(50);
    });

    it('lists the jobs of one status only', async () => {
      const running = await queue.enqueue({});
      const queued = await queue.enqueue({});
      await queue.claimNext({ workerId: 'w1', staleAfterMs: LIVE_MS });
      const runningIds = (await queue.list({ status: 'running', limit: 10 })).jobs.map((j) => j.id);
      expect(runningIds).toEqual([running.id]);
      const queuedPage = await queue.list({ status: 'queued', limit: 10 });
      expect(queuedPage.jobs.map((j) => j.id)).toEqual([queued.id]);
      expect(queuedPage.nextCursor).toBeNull();
    });

    it('refuses a cursor it did not make', async () => {
      expect(await codeOf(queue.list({ limit: 5, cursor: 'bm90LWEtY3Vyc29y' }))).toBe(
        'INVALID_REQUEST',
      );
    });

    it('cancels a queued job, which is then never claimed', async () => {
      const job = await queue.enqueue({});
      const cancelled = await queue.cancel(job.id);
      expect(cancelled).toMatchObject({ id: job.id, status: 'cancelled', startedAt: null });
      expect(cancelled.finishedAt).toEqual(expect.any(String));
      expect(await queue.get(job.id)).toEqual(cancelled);
      expect(await queue.claimNext({ workerId: 'w1', staleAfterMs: LIVE_MS })).toBeNull();
    });

    it('cancels a running job: its worker can then neither report, renew nor finish it', async () => {
      const job = await queue.enqueue({});
      await queue.claimNext({ workerId: 'w1', staleAfterMs: LIVE_MS });
      expect(await queue.cancel(job.id)).toMatchObject({ status: 'cancelled' });
      const progress = { epoch: 1, epochs: 5, lossPerEpoch: [0.3], elapsedMs: 10, remainingMs: 40 };
      expect(await codeOf(queue.reportProgress(job.id, 'w1', progress))).toBe('JOB_NOT_RUNNING');
      expect(await codeOf(queue.heartbeat(job.id, 'w1'))).toBe('JOB_NOT_RUNNING');
      expect(await codeOf(queue.complete(job.id, { metrics: {}, modelVersion: 'v1' }))).toBe(
        'JOB_NOT_RUNNING',
      );
      expect(await queue.get(job.id)).toMatchObject({ status: 'cancelled', modelVersion: null });
      // The queue moves on: the next job is claimed although the cancelled one never "finished".
      const next = await queue.enqueue({});
      expect((await queue.claimNext({ workerId: 'w2', staleAfterMs: LIVE_MS }))?.id).toBe(next.id);
    });

    it('refuses to cancel a job that has ended or does not exist', async () => {
      const job = await queue.enqueue({});
      await queue.claimNext({ workerId: 'w1', staleAfterMs: LIVE_MS });
      await queue.complete(job.id, { metrics: {}, modelVersion: 'v1' });
      expect(await codeOf(queue.cancel(job.id))).toBe('JOB_ALREADY_FINISHED');
      const cancelled = await queue.enqueue({});
      await queue.cancel(cancelled.id);
      expect(await codeOf(queue.cancel(cancelled.id))).toBe('JOB_ALREADY_FINISHED');
      expect(await codeOf(queue.cancel(UNKNOWN_ID))).toBe('JOB_NOT_FOUND');
      expect(await codeOf(queue.cancel('not-a-uuid'))).toBe('JOB_NOT_FOUND');
    });

    it('stores the progress its worker reports and keeps it once the job ends', async () => {
      const job = await queue.enqueue({});
      await queue.claimNext({ workerId: 'w1', staleAfterMs: LIVE_MS });
      const first = { epoch: 1, epochs: 2, lossPerEpoch: [0.5], elapsedMs: 120, remainingMs: 100 };
      await queue.reportProgress(job.id, 'w1', first);
      expect((await queue.get(job.id))?.progress).toEqual(first);
      const last = { ...first, epoch: 2, lossPerEpoch: [0.5, 0.25], remainingMs: 0 };
      await queue.reportProgress(job.id, 'w1', last);
      expect(await codeOf(queue.reportProgress(job.id, 'w2', first))).toBe('JOB_NOT_RUNNING');
      await queue.complete(job.id, { metrics: {}, modelVersion: 'v1' });
      expect(await queue.get(job.id)).toMatchObject({ status: 'succeeded', progress: last });
    });
  });
}
