// The trainer's automatic triggers on a real job queue and event log (embedded PGlite) and the in-memory
// model store, driven by a fake clock: the schedule fires once per time and only with new signals, a
// model's signal count is where new signals are counted from, and several trainers checking at once
// queue one job.
import type { ClassifiedEvent, JobQueue } from '@recsys/domain';
import { InMemoryEmbeddingStore } from '@recsys/embedded-adapters';
import type { PostgresStorage } from '@recsys/postgres-adapters';
import { AutoTrainer } from '../../../apps/trainer/src/auto-training/auto-trainer.service';
import { loadTrainerConfig, trainerSettingsFrom } from '../../../apps/trainer/src/config';
import { makeModel } from '../contracts/embedding-store-model-fixture';
import { classifiedEvent, recordingDeriver } from '../contracts/event-log-fixtures';
import { openInMemoryPglite } from '../postgres/storage-harness';

const SETUP_TIMEOUT_MS = 120_000;
const LIVE_MS = 60 * 60_000;

describe('automatic training triggers (PGlite, fake clock)', () => {
  let storage: PostgresStorage;
  let embeddingStore: InMemoryEmbeddingStore;
  let nowMs = Date.parse('2026-12-02T03:10:00Z');
  let logged = 0;
  const clock = () => new Date(nowMs);

  beforeAll(async () => {
    storage = await openInMemoryPglite();
  }, SETUP_TIMEOUT_MS);
  afterAll(() => storage?.close(), SETUP_TIMEOUT_MS);
  beforeEach(() => {
    embeddingStore = new InMemoryEmbeddingStore();
  });
  afterEach(async () => {
    // Leave an idle queue for the next test.
    for (;;) {
      const job = await storage.jobQueue.claimNext({ workerId: 'drain', staleAfterMs: 0 });
      if (job === null) return;
      await storage.jobQueue.fail(job.id, 'drained');
    }
  });

  const trainer = (env: Record<string, string>) =>
    new AutoTrainer(
      storage.jobQueue,
      storage.tripletStore,
      embeddingStore,
      clock,
      trainerSettingsFrom(loadTrainerConfig(env), 1),
    );

  /** Logs `count` likes (and one neutral view, which is no signal). */
  async function logLikes(count: number): Promise<void> {
    const events: ClassifiedEvent[] = Array.from(
      { length: count },
      () =>
      classifiedEvent({ eventId: `e${logged}`, userId: `u${logged % 7}`, itemId: `i${logged++ % 5}`, minute: logged, polarity: 1 }), // prettier-ignore
    );
    events.push(classifiedEvent({ eventId: `v${logged}`, userId: 'u0', itemId: 'i0', minute: logged, polarity: 0 })); // prettier-ignore
    await storage.eventLog.append(events, recordingDeriver().derive);
  }

  /** Runs the queued job as a trainer would: claims it, publishes a model of the signals now logged. */
  async function runQueuedJob(queue: JobQueue, version: string): Promise<string> {
    const job = await queue.claimNext({ workerId: 'w', staleAfterMs: LIVE_MS });
    if (job === null) throw new Error('no job queued');
    const model = makeModel({ version, itemCount: 3, userCount: 2, dim: 2 });
    model.metadata.signalCount = await storage.tripletStore.countSignals();
    await embeddingStore.publish(model);
    await queue.complete(job.id, { metrics: {}, modelVersion: version });
    return job.trigger;
  }

  const queuedJobs = async () => {
    const job = await storage.jobQueue.claimNext({ workerId: 'peek', staleAfterMs: LIVE_MS });
    if (job) await storage.jobQueue.fail(job.id, 'peeked');
    return job;
  };

  it('fires the schedule once per time, and only when there are new signals', async () => {
    const hourly = trainer({
      TRAIN_EVERY: '1h',
      TRAIN_AFTER_NEW_SIGNALS: 'off',
      TRAIN_FIRST_MODEL_AFTER_SIGNALS: 'off',
    });
    await logLikes(5);
    await hourly.check();
    expect(await queuedJobs()).toBeNull(); // 03:10: the next time is 04:00

    nowMs = Date.parse('2026-12-02T04:00:01Z');
    await hourly.check();
    expect(await runQueuedJob(storage.jobQueue, 'v1')).toBe('schedule');
    await hourly.check();
    expect(await queuedJobs()).toBeNull(); // the same time does not fire twice

    nowMs = Date.parse('2026-12-02T05:00:01Z');
    await hourly.check();
    expect(await queuedJobs()).toBeNull(); // nothing new since v1's data

    await logLikes(1);
    nowMs = Date.parse('2026-12-02T06:00:01Z');
    await hourly.check();
    expect(await runQueuedJob(storage.jobQueue, 'v2')).toBe('schedule');
  });

  it('counts new signals from the data of the newest model', async () => {
    const bySignals = trainer({
      TRAIN_EVERY: 'off',
      TRAIN_AFTER_NEW_SIGNALS: '10',
      TRAIN_FIRST_MODEL_AFTER_SIGNALS: '3',
    });
    await bySignals.check();
    // Signals logged by the previous test: more than the first-model threshold, and no model here.
    expect(await runQueuedJob(storage.jobQueue, 'first')).toBe('signals');
    await logLikes(9);
    await bySignals.check();
    expect(await queuedJobs()).toBeNull();
    await logLikes(1);
    await bySignals.check();
    expect(await runQueuedJob(storage.jobQueue, 'second')).toBe('signals');
  });

  it('queues one job when several trainers check at once', async () => {
    const env = { TRAIN_EVERY: 'off', TRAIN_FIRST_MODEL_AFTER_SIGNALS: '1' };
    const trainers = Array.from({ length: 4 }, () => trainer(env));
    await Promise.all(trainers.map((t) => t.check()));
    const first = await storage.jobQueue.claimNext({ workerId: 'w', staleAfterMs: LIVE_MS });
    expect(first?.trigger).toBe('signals');
    await storage.jobQueue.fail(first!.id, 'done');
    expect(await queuedJobs()).toBeNull(); // no second one was queued behind it
  });
});
