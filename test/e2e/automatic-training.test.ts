// A fresh stack learns by itself: api, ingestor and trainer as real processes on real Kafka, PostgreSQL and
// Redis, as docker-compose runs them, and no call to POST /training-jobs. Before the first model the api
// answers popular items; once enough signals are logged the trainer queues and runs a job of its own, the
// api serves the model, and further signals bring a newer model.
import type { ModelMetadata, TrainingJob } from '@recsys/domain';
import type { InteractionEventV1 } from '@recsys/interaction-events';
import type { Recommendations } from '@recsys/recommendations';
import { classifyInteraction, DEFAULT_INTERACTION_SIGNALS } from '@recsys/triplets';
import { Client } from 'pg';
import { startRunningStack, type RunningStack } from './support/running-stack';
import { plantedTasteHistory } from './support/storefront-data';
import { waitFor } from './support/wait-for';

jest.setTimeout(300_000);

type ModelList = { current: string | null; serving: string | null; versions: ModelMetadata[] };

const AFTER_NEW_SIGNALS = 60;
const CHECK_INTERVAL_MS = 300;

/** Liked and unliked events among `events` (what the trainer counts). */
const signalsIn = (events: readonly InteractionEventV1[]) =>
  events.filter((e) => classifyInteraction(e, DEFAULT_INTERACTION_SIGNALS).polarity !== 0).length;

describe('automatic training on real Kafka, PostgreSQL and Redis', () => {
  const history = plantedTasteHistory(23);
  // Held back to the end: new signals after the first model, for the second automatic job.
  const later = history.events.filter((e) => e.type === 'click').slice(-AFTER_NEW_SIGNALS);
  const laterIds = new Set(later.map((e) => e.eventId));
  const earlier = history.events.filter((e) => !laterIds.has(e.eventId));
  // The first model waits for every earlier signal (the default, 100, is smaller than this history), so
  // what it saw is known exactly; a second one follows AFTER_NEW_SIGNALS later signals.
  const FIRST_MODEL_AFTER_SIGNALS = signalsIn(earlier);
  let running: RunningStack;
  let database: Client;

  type JobRow = { trigger: string; status: string };
  const jobs = async (): Promise<JobRow[]> =>
    (await database.query<JobRow>('SELECT trigger, status FROM training_jobs ORDER BY queue_position')).rows; // prettier-ignore
  const models = async (): Promise<ModelList> => (await running.api.get<ModelList>('/models')).body;

  beforeAll(async () => {
    running = await startRunningStack('e2e_auto', {
      all: {
        TRAIN_EVERY: 'off',
        TRAIN_FIRST_MODEL_AFTER_SIGNALS: String(FIRST_MODEL_AFTER_SIGNALS),
        TRAIN_AFTER_NEW_SIGNALS: String(AFTER_NEW_SIGNALS),
        TRAIN_CHECK_INTERVAL_MS: String(CHECK_INTERVAL_MS),
        // This suite is about the triggers: the second model's gate comparison has ~7 new likes, where
        // two-thread training noise alone can swing recall by 4 of 7 (seen once in CI). The gate has its
        // own e2e (model-gate.test.ts); here any candidate above the floor becomes current.
        TRAIN_GATE_TOLERANCE: '1',
      },
      api: { POPULAR_REFRESH_MS: '200' },
    });
    database = new Client({ connectionString: running.stack.database.url });
    await database.connect();
  });

  afterAll(async () => {
    await database?.end();
    await running?.stop();
  });

  it('answers popular items, not 503, while signals are too few for a first model', async () => {
    const few = earlier.slice(0, 40);
    await running.ingest(few);
    expect(await running.storage.tripletStore.countSignals()).toBeLessThan(
      FIRST_MODEL_AFTER_SIGNALS,
    );
    let answer = await running.api.get<Recommendations>('/recommend/user-1?limit=5');
    await waitFor(
      async () => {
        answer = await running.api.get<Recommendations>('/recommend/user-1?limit=5');
        return answer.status === 200;
      },
      { timeoutMs: 30_000, what: 'popular items', onTimeout: () => JSON.stringify(answer.body) },
    );
    expect(answer.body.modelVersion).toBeNull();
    expect(answer.body.items.length).toBeGreaterThan(0);
    expect(answer.body.items.every((item) => item.source === 'popular')).toBe(true);
    // Several checks later the trainer has still queued nothing.
    await new Promise((resolve) => setTimeout(resolve, 4 * CHECK_INTERVAL_MS));
    expect(await jobs()).toEqual([]);
  });

  it('trains its first model by itself once enough signals are logged, and serves it', async () => {
    await running.ingest(earlier.slice(40));
    expect(await running.storage.tripletStore.countSignals()).toBe(FIRST_MODEL_AFTER_SIGNALS);
    let list = await models();
    await waitFor(
      async () => {
        list = await models();
        return list.serving !== null;
      },
      { timeoutMs: 180_000, what: 'a model trained by itself', onTimeout: () => running.apps.trainer.logs }, // prettier-ignore
    );
    const first = list.versions.find((v) => v.version === list.serving)!;
    expect(first.signalCount).toBe(FIRST_MODEL_AFTER_SIGNALS);
    const job = (await running.api.get<TrainingJob>(`/training-jobs/${first.jobId}`)).body;
    expect(job).toMatchObject({ status: 'succeeded', trigger: 'signals', modelVersion: first.version }); // prettier-ignore

    const clusterOf = new Map(history.items.map((i) => [i.itemId, i.cluster]));
    let hits = 0;
    let shown = 0;
    for (const user of history.users) {
      const answer = await running.api.get<Recommendations>(`/recommend/${user.userId}?limit=10`);
      expect(answer.status).toBe(200);
      for (const item of answer.body.items) {
        expect(item.source).toBe('model');
        shown++;
        if (clusterOf.get(item.itemId) === user.cluster) hits++;
      }
    }
    expect(shown).toBe(10 * history.users.length);
    expect(hits / shown).toBeGreaterThanOrEqual(0.8);
  });

  it('trains again after enough new signals, and every job it queued is automatic', async () => {
    const before = await models();
    const fresh: InteractionEventV1[] = later.map((e) => ({ ...e, timestamp: new Date().toISOString() })); // prettier-ignore
    await running.ingest(fresh);
    const total = await running.storage.tripletStore.countSignals();
    expect(total).toBe(FIRST_MODEL_AFTER_SIGNALS + AFTER_NEW_SIGNALS);
    let list = before;
    await waitFor(
      async () => {
        list = await models();
        return list.versions.some((v) => v.version === list.serving && v.signalCount === total);
      },
      { timeoutMs: 180_000, what: 'a model of every signal', onTimeout: () => running.apps.trainer.logs }, // prettier-ignore
    );
    expect(list.serving).not.toBe(before.serving);
    expect(await jobs()).toEqual([
      { trigger: 'signals', status: 'succeeded' },
      { trigger: 'signals', status: 'succeeded' },
    ]);
  });
});
