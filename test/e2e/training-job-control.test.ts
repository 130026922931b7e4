// Control of running training: progress while a job runs, cancelling a queued and a running job (the
// trainer stops within an epoch and publishes nothing), and the job listing — api, ingestor and trainer as
// real processes on real Kafka, PostgreSQL and Redis.
import type { JobPage, TrainingJob } from '@recsys/domain';
import { RedisEmbeddingStore } from '@recsys/redis-adapters';
import { generateTasteClusters } from '@recsys/synthetic-data';
import { startRunningStack, type RunningStack } from './support/running-stack';
import { waitFor } from './support/wait-for';

jest.setTimeout(300_000);

// Big enough that an epoch takes tens of milliseconds, so a 1000-epoch job runs long enough to watch.
const history = generateTasteClusters({
  seed: 61,
  clusterCount: 4,
  itemsPerCluster: 100,
  usersPerCluster: 150,
  positivesPerUser: 30,
  noiseRate: 0,
  impressionsPerUser: 0,
  shownPerImpression: 4,
  dislikesPerUser: 0,
  start: new Date(Date.now() - 24 * 3600 * 1000),
  eventIdPrefix: 'e2e-control-',
});
const LONG_JOB = { epochs: 1000, dim: 128 };

describe('training job control', () => {
  let running: RunningStack;
  let store: RedisEmbeddingStore;
  let long: TrainingJob;
  let queued: TrainingJob;
  const seen: TrainingJob[] = [];

  const getJob = async (id: string) =>
    (await running.api.get<TrainingJob>(`/training-jobs/${id}`)).body;

  beforeAll(async () => {
    running = await startRunningStack('e2e_job_control');
    store = new RedisEmbeddingStore({
      url: running.stack.env.REDIS_URL,
      keyPrefix: running.stack.redisKeyPrefix,
    });
    await running.ingest(history.events);
  });

  afterAll(async () => {
    await store?.close();
    await running?.stop();
  });

  it('shows the progress of a running job, epoch by epoch', async () => {
    long = (await running.api.post<TrainingJob>('/training-jobs', LONG_JOB)).body;
    expect(long).toMatchObject({ status: 'queued', progress: null });
    await waitFor(
      async () => {
        const job = await getJob(long.id);
        if (job.progress !== null) seen.push(job);
        return seen.length >= 2 && seen.at(-1)!.progress!.epoch >= seen[0].progress!.epoch + 2;
      },
      {
        timeoutMs: 120_000,
        intervalMs: 20,
        what: 'progress over several epochs',
        onTimeout: () => running.apps.trainer.logs,
      },
    );
    const [first, last] = [seen[0], seen.at(-1)!];
    expect(last.status).toBe('running');
    // The candidate's 1000 epochs, then the final fit's 1000 on every row (TRAIN_FINAL_FIT=retrain).
    expect(last.progress!.epochs).toBe(2000);
    expect(last.progress!.lossPerEpoch).toHaveLength(last.progress!.epoch);
    expect(last.progress!.lossPerEpoch.length).toBeGreaterThan(first.progress!.lossPerEpoch.length);
    // Earlier epochs keep their loss as later ones are added.
    expect(last.progress!.lossPerEpoch.slice(0, first.progress!.epoch)).toEqual(
      first.progress!.lossPerEpoch,
    );
    expect(last.progress!.elapsedMs).toBeGreaterThan(first.progress!.elapsedMs);
    expect(last.progress!.remainingMs).toEqual(expect.any(Number));
    expect(last.progress!.remainingMs).toBeGreaterThan(0);
  });

  it('cancels a queued job, which never runs', async () => {
    queued = (await running.api.post<TrainingJob>('/training-jobs', { epochs: 2 })).body;
    expect(queued.status).toBe('queued');
    const cancelled = await running.api.delete<TrainingJob>(`/training-jobs/${queued.id}`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ id: queued.id, status: 'cancelled', startedAt: null });
    expect((await getJob(queued.id)).status).toBe('cancelled');
  });

  it('cancels a running job: the trainer stops within an epoch and publishes nothing', async () => {
    const before = await getJob(long.id);
    expect(before.status).toBe('running');
    const answer = await running.api.delete<TrainingJob>(`/training-jobs/${long.id}`);
    expect(answer.status).toBe(200);
    expect(answer.body.status).toBe('cancelled');
    const stop = await running.apps.trainer.waitForLog(
      new RegExp(`job ${long.id} stopped unpublished: stopped after epoch (\\d+) of 2000`),
      60_000,
    );
    // The epoch in flight when the cancel landed may finish; the next epoch end stops the run.
    const epochAtCancel = answer.body.progress!.epoch;
    expect(Number(stop[1])).toBeLessThanOrEqual(epochAtCancel + 2);
    const after = await getJob(long.id);
    expect(after).toMatchObject({ status: 'cancelled', modelVersion: null, error: null });
    expect(after.progress!.epoch).toBeGreaterThanOrEqual(before.progress!.epoch);
    expect(await store.currentVersion()).toBeNull();
    expect((await getJob(queued.id)).startedAt).toBeNull();
  });

  it('refuses to cancel a job that has ended (409) and an unknown one (404)', async () => {
    const again = await running.api.delete<{ error: string }>(`/training-jobs/${long.id}`);
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('JOB_ALREADY_FINISHED');
    const unknown = await running.api.delete<{ error: string }>(
      '/training-jobs/00000000-0000-4000-8000-000000000000',
    );
    expect(unknown.status).toBe(404);
  });

  it('still trains and publishes the next job after a cancel, with engine options of its own', async () => {
    const refused = await running.api.post<{ error: string; details: unknown }>('/training-jobs', {
      loss: 'hinge',
      negativeMix: { hardest: 0 },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.details).toEqual({
      errors: [
        { field: 'loss', message: expect.stringContaining('loss must be one of') },
        { field: 'negativeMix', message: 'negativeMix needs a source with a positive weight' },
      ],
    });
    const job = await running.train({
      epochs: 3,
      loss: 'soft-margin',
      negativeMix: { uniform: 1, hardest: 1 },
      hardNegativeWarmupEpochs: 0,
    });
    expect(job.status).toBe('succeeded');
    // 3 epochs of the candidate, 3 of the final fit on every row.
    expect(job.progress).toMatchObject({ epoch: 6, epochs: 6, remainingMs: 0 });
    expect(job.progress!.lossPerEpoch).toHaveLength(6);
    expect(await store.currentVersion()).toBe(job.modelVersion);
    // The trainer logs which kernels trained the version: soft-margin (not the whole-visit kernel's
    // hinge) in a small catalogue trains through the composed ones.
    const published = await running.apps.trainer.waitForLog(
      new RegExp(`job ${job.id} succeeded: published (\\S+) \\(trained by the (\\S+) kernels\\)`),
      10_000,
    );
    expect([published[1], published[2]]).toEqual([job.modelVersion, 'composed']);
    // The job's engine options reached the engine; the rest are the trainer's (engine defaults).
    const versions = await store.listVersions();
    const metadata = versions.find((v) => v.version === job.modelVersion);
    expect(metadata?.trainingParams).toMatchObject({
      loss: 'soft-margin',
      negativeMix: { uniform: 1, hardest: 1 },
      hardNegativeWarmupEpochs: 0,
      epochs: 3,
      dim: 32,
      // the engine's default below 10,000 items (catalogueDefaults)
      margin: 0.35,
    });
  });

  it('lists jobs newest first, by status, a page at a time', async () => {
    const all = (await running.api.get<JobPage>('/training-jobs')).body;
    expect(all.jobs.map((j) => j.status)).toEqual(['succeeded', 'cancelled', 'cancelled']);
    expect(all.jobs.slice(1).map((j) => j.id)).toEqual([queued.id, long.id]);
    expect(all.nextCursor).toBeNull();

    const cancelled = (await running.api.get<JobPage>('/training-jobs?status=cancelled')).body;
    expect(cancelled.jobs.map((j) => j.id)).toEqual([queued.id, long.id]);

    const first = (await running.api.get<JobPage>('/training-jobs?limit=1')).body;
    expect(first.jobs).toHaveLength(1);
    const second = (
      await running.api.get<JobPage>(`/training-jobs?limit=2&cursor=${first.nextCursor}`)
    ).body;
    expect(second.jobs.map((j) => j.id)).toEqual([queued.id, long.id]);
    expect(second.nextCursor).toBeNull();

    const bad = await running.api.get<{ error: string; details: unknown }>(
      '/training-jobs?status=done&limit=0',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('INVALID_REQUEST');
  });
});
