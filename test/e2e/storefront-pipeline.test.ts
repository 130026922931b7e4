// As a storefront would: events through Kafka and POST /events, a training job over HTTP, then
// recommendations — with the three distributed apps as real processes on real Kafka, Postgres and Redis.
import type { TrainingJob } from '@recsys/domain';
import type { Recommendations } from '@recsys/recommendations';
import { openPostgresStorage, type PostgresStorage } from '@recsys/postgres-adapters';
import { RedisEmbeddingStore } from '@recsys/redis-adapters';
import { AppProcess } from './support/app-process';
import { freePort } from './support/free-port';
import { apiClient, requestJson, TEST_KEYS } from './support/http-client';
import { createIsolatedStack, type IsolatedStack } from './support/isolated-stack';
import { plantedTasteHistory } from './support/storefront-data';
import { waitFor } from './support/wait-for';

jest.setTimeout(300_000);

describe('storefront pipeline on real Kafka, PostgreSQL and Redis', () => {
  const history = plantedTasteHistory(11);
  let stack: IsolatedStack;
  let apps: AppProcess[] = [];
  let storage: PostgresStorage;
  let baseUrl: string;
  let api: ReturnType<typeof apiClient>;
  // The ingestor's and the trainer's health ports (their /metrics too), free ones: never the shared defaults.
  let ingestorHealthPort: number;
  let trainerHealthPort: number;

  beforeAll(async () => {
    stack = await createIsolatedStack('e2e_pipeline');
    const port = await freePort();
    ingestorHealthPort = await freePort();
    trainerHealthPort = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    api = apiClient(baseUrl);
    apps = [
      AppProcess.start('api', {
        ...stack.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        API_READ_KEYS: TEST_KEYS.read,
        API_WRITE_KEYS: TEST_KEYS.write,
      }),
      AppProcess.start('ingestor', { ...stack.env, HEALTH_PORT: String(ingestorHealthPort) }),
      AppProcess.start('trainer', { ...stack.env, TRAIN_EPOCHS: '20', TRAIN_DIM: '32', HEALTH_PORT: String(trainerHealthPort) }), // prettier-ignore
    ];
    await apps[0].waitForLog(/listening on/, 60_000);
    await apps[1].waitForLog(/consuming interaction events/, 60_000);
    await apps[2].waitForLog(/polling for training jobs/, 60_000);
    storage = await openPostgresStorage({ kind: 'postgres', url: stack.database.url });
  });

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop()));
    await storage?.close();
    await stack?.cleanup();
  });

  it('is ready before any model exists and says so on /recommend', async () => {
    await waitFor(async () => (await requestJson(`${baseUrl}/health/ready`)).status === 200, {
      timeoutMs: 60_000,
      what: 'api readiness',
    });
    const answer = await api.get<{ error: string }>(`/recommend/user-1`);
    expect(answer.status).toBe(503);
    expect(answer.body.error).toBe('MODEL_NOT_READY');
  });

  it('logs every event sent through Kafka and POST /events', async () => {
    const half = Math.floor(history.events.length / 2);
    const producer = stack.kafka.producer();
    await producer.connect();
    await producer.send({
      topic: stack.topic,
      acks: -1,
      messages: history.events
        .slice(0, half)
        .map((e) => ({ key: e.userId, value: JSON.stringify(e) })),
    });
    await producer.disconnect();
    const rest = history.events.slice(half);
    for (let i = 0; i < rest.length; i += 200) {
      const answer = await api.post<{ accepted: number }>('/events', rest.slice(i, i + 200));
      expect(answer.status).toBe(202);
      expect(answer.body).toEqual({ accepted: Math.min(200, rest.length - i) });
    }
    const ids = history.events.map((e) => e.eventId);
    await waitFor(async () => (await storage.eventLog.countByEventIds(ids)) === ids.length, {
      timeoutMs: 60_000,
      what: 'all events in the event log',
      onTimeout: () => apps[1].logs,
    });
    expect(await storage.eventLog.count()).toBe(ids.length);
    expect(await storage.tripletStore.countTriplets()).toBeGreaterThan(0);
  });

  it('trains through POST /training-jobs and serves planted tastes with the version in Redis', async () => {
    const created = await api.post<TrainingJob>('/training-jobs', {});
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('queued');
    let job = created.body;
    await waitFor(
      async () => {
        job = (await api.get<TrainingJob>(`/training-jobs/${created.body.id}`)).body;
        return job.status === 'succeeded' || job.status === 'failed';
      },
      { timeoutMs: 180_000, what: 'the training job', onTimeout: () => apps[2].logs },
    );
    expect(job.error).toBeNull();
    expect(job.status).toBe('succeeded');
    expect(job.metrics?.['recall@10']).toBeGreaterThan(0);

    const store = new RedisEmbeddingStore({
      url: stack.env.REDIS_URL,
      keyPrefix: stack.redisKeyPrefix,
    });
    const currentVersion = await store.currentVersion();
    await store.close();
    expect(currentVersion).toBe(job.modelVersion);

    await waitFor(
      async () => (await api.get<Recommendations>(`/recommend/user-1`)).status === 200,
      { timeoutMs: 30_000, what: 'the api to load the model' },
    );
    const clusterOf = new Map(history.items.map((i) => [i.itemId, i.cluster]));
    let hits = 0;
    let shown = 0;
    for (const user of history.users) {
      const answer = await api.get<Recommendations>(`/recommend/${user.userId}?limit=10`);
      expect(answer.status).toBe(200);
      expect(answer.body.modelVersion).toBe(currentVersion);
      expect(answer.body.items).toHaveLength(10);
      for (const item of answer.body.items) {
        expect(item.source).toBe('model');
        shown++;
        if (clusterOf.get(item.itemId) === user.cluster) hits++;
      }
    }
    expect(hits / shown).toBeGreaterThanOrEqual(0.8);
  });

  it('gives a user the model does not know popular items', async () => {
    const answer = await api.get<Recommendations>(`/recommend/somebody-new?limit=5`);
    expect(answer.status).toBe(200);
    expect(answer.body.items).toHaveLength(5);
    expect(answer.body.items.every((i) => i.source === 'popular')).toBe(true);
  });

  it('rejects bad events with field-level errors and publishes nothing', async () => {
    const before = await storage.eventLog.count();
    const answer = await api.post<{ error: string; details: { errors: { field: string }[] } }>(
      '/events',
      [history.events[0], { ...history.events[1], userId: '' }],
    );
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe('INVALID_EVENT');
    expect(answer.body.details.errors.map((e) => e.field)).toEqual(['[1].userId']);
    expect(await storage.eventLog.count()).toBe(before);
  });

  it('names ids that are not well-formed Unicode or hold NUL, and takes any ISO offset, stored in UTC', async () => {
    const [first, second] = history.events;
    const answer = await api.post<{ error: string; details: { errors: { field: string }[] } }>(
      '/events',
      [
        { ...first, eventId: 'lone-surrogate', userId: 'x\ud800' },
        { ...second, eventId: 'nul\u0000id' },
      ],
    );
    expect(answer.status).toBe(400);
    expect(answer.body.details.errors.map((e) => e.field)).toEqual(['[0].userId', '[1].eventId']);
    // +16:00 is ISO-8601 but beyond PostgreSQL's range of offsets: once a poison pill, now UTC.
    const farEast = {
      ...first,
      eventId: 'far-east-offset',
      timestamp: '2026-01-01T00:00:00+16:00',
    };
    expect((await api.post('/events', farEast)).status).toBe(202);
    await waitFor(async () => (await storage.eventLog.countByEventIds([farEast.eventId])) === 1, {
      timeoutMs: 60_000,
      what: 'the +16:00 event in the event log',
    });
  });

  it('shows it all on GET /metrics of the api, and of the ingestor and trainer on their health ports', async () => {
    const scrape = async (url: string) => {
      const response = await fetch(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      return response.text();
    };
    const value = (text: string, series: string) =>
      Number(
        text
          .split('\n')
          .find((l) => l.startsWith(`${series} `))
          ?.slice(series.length + 1),
      );
    const apiText = await scrape(`${baseUrl}/metrics`);
    const modelAnswers = value(apiText, 'recsys_recommend_answers_total{source="model",path="list"}') || 0; // prettier-ignore
    const modelSearches = value(apiText, 'recsys_recommend_answers_total{source="model",path="search"}') || 0; // prettier-ignore
    expect(modelAnswers + modelSearches).toBeGreaterThanOrEqual(history.users.length);
    expect(value(apiText, 'recsys_recommend_answers_total{source="popular",path="search"}')).toBeGreaterThanOrEqual(1); // prettier-ignore
    expect(value(apiText, 'recsys_http_request_duration_seconds_count{method="GET",route="/recommend/:userId",status_code="200"}')).toBeGreaterThan(history.users.length); // prettier-ignore
    expect(value(apiText, 'recsys_model_swaps_total')).toBe(1);
    const ingestorText = await scrape(`http://127.0.0.1:${ingestorHealthPort}/metrics`);
    const ingested = [
      ...ingestorText.matchAll(/^recsys_ingest_events_total\{type="[a-z_]+"\} (\d+)$/gm),
    ];
    // At least once: a batch redelivered after a rebalance is counted again.
    expect(ingested.reduce((sum, m) => sum + Number(m[1]), 0)).toBeGreaterThanOrEqual(history.events.length + 1); // prettier-ignore
    expect(ingestorText).toMatch(/^recsys_ingest_consumer_lag_messages\{topic="[^"]+",partition="\d+"\} 0$/m); // prettier-ignore
    const trainerText = await scrape(`http://127.0.0.1:${trainerHealthPort}/metrics`);
    expect(value(trainerText, 'recsys_training_jobs_total{outcome="succeeded",code=""}')).toBe(1);
    expect(value(trainerText, 'recsys_training_last_heldout{metric="recall",k="10"}')).toBeGreaterThan(0); // prettier-ignore
    expect(value(trainerText, 'recsys_training_last_epochs')).toBe(20);
  });
});
