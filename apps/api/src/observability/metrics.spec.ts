// GET /metrics of an api on in-memory ports (app.inject: no socket, no service): what a Prometheus scrape
// reads after real requests went through the app.
import type { ModelSnapshot } from '@recsys/domain';
import { startInMemoryApi, TEST_WRITE_KEY } from '../http/testing/in-memory-api';
import { ModelHolder } from '../models/model-holder.service';

type Api = Awaited<ReturnType<typeof startInMemoryApi>>;

// Three items on a line, two users; trained an hour before the test runs.
function snapshot(trainedAt: Date): ModelSnapshot {
  return {
    metadata: {
      version: 'metrics-v1',
      createdAt: trainedAt.toISOString(),
      dim: 1,
      metric: 'neg-l2',
      itemCount: 3,
      userCount: 2,
      metrics: {},
      trainingParams: {},
    },
    itemIds: ['a', 'b', 'c'],
    itemVectors: new Float32Array([0, 1, 2]),
    userIds: ['u1', 'u2'],
    userVectors: new Float32Array([0.1, 1.9]),
    seenItems: { offsets: new Int32Array([0, 0, 0]), items: new Int32Array(0) },
    popularItems: new Int32Array([1, 0, 2]),
  };
}

/** The value of one sample line, e.g. `name{a="b"}`; undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  let api: Api;
  const get = (url: string, key = TEST_WRITE_KEY) =>
    api.app.inject({ method: 'GET', url, headers: key ? { 'x-api-key': key } : {} });
  const scrape = async () => {
    const response = await get('/metrics', '');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return response.body;
  };

  beforeAll(async () => {
    api = await startInMemoryApi();
  });
  afterAll(() => api.close());

  it('answers without a key, with process metrics and no model gauges before a model', async () => {
    const text = await scrape();
    expect(text).toContain('# TYPE recsys_api_process_cpu_user_seconds_total counter');
    expect(text).toContain('# TYPE recsys_model_age_seconds gauge');
    expect(text).not.toContain('recsys_model_age_seconds{');
    expect(text).not.toContain('recsys_model_info{');
  });

  it('times requests by route pattern and status, never by raw URL', async () => {
    await get('/recommend/someone-secret');
    await get('/recommend/another', 'wrong-key');
    await get('/no/such/path/12345');
    const text = await scrape();
    const bucket = 'recsys_http_request_duration_seconds_count';
    expect(sample(text, `${bucket}{method="GET",route="/recommend/:userId",status_code="503"}`)).toBe(1); // prettier-ignore
    expect(sample(text, `${bucket}{method="GET",route="/recommend/:userId",status_code="401"}`)).toBe(1); // prettier-ignore
    expect(sample(text, `${bucket}{method="GET",route="unmatched",status_code="404"}`)).toBe(1);
    expect(text).not.toContain('someone-secret');
    expect(text).not.toContain('/no/such/path');
  });

  it('counts answers by source and path, cache lookups, swaps and the model age and version', async () => {
    const trainedAt = new Date(Date.now() - 3600_000);
    await api.embeddingStore.publish(snapshot(trainedAt));
    await api.app.get(ModelHolder).refresh();
    expect((await get('/recommend/u1')).statusCode).toBe(200);
    expect((await get('/recommend/unknown-user')).statusCode).toBe(200);
    const session = await api.app.inject({
      method: 'POST',
      url: '/recommend',
      headers: { 'x-api-key': TEST_WRITE_KEY, 'content-type': 'application/json' },
      payload: JSON.stringify({ itemIds: ['a'] }),
    });
    expect(session.statusCode).toBe(200);
    const text = await scrape();
    const answers = 'recsys_recommend_answers_total';
    expect(sample(text, `${answers}{source="model",path="search"}`)).toBe(1); // u1, a trained user
    expect(sample(text, `${answers}{source="popular",path="search"}`)).toBe(1); // unknown-user
    expect(sample(text, `${answers}{source="realtime",path="search"}`)).toBe(1); // the session
    // The in-memory api keeps no recent lists (RECENT_CACHE_USERS 0): every user lookup reads the store
    // (the two above and the 503 of the test before, which was looked up before the model was missed).
    expect(sample(text, 'recsys_recent_cache_requests_total{result="miss"}')).toBe(3);
    expect(sample(text, 'recsys_model_swaps_total')).toBe(1);
    expect(sample(text, 'recsys_index_build_seconds_count')).toBe(1);
    expect(sample(text, 'recsys_model_info{version="metrics-v1"}')).toBe(1);
    const age = sample(text, 'recsys_model_age_seconds{version="metrics-v1"}');
    expect(age).toBeGreaterThanOrEqual(3600);
    expect(age).toBeLessThan(3700);
  });
});

describe('GET /metrics with METRICS_ENABLED=false', () => {
  it('answers 404 and times no request', async () => {
    const api = await startInMemoryApi({ settings: { metricsEnabled: false } });
    try {
      await api.app.inject({ method: 'GET', url: '/health/live' });
      const response = await api.app.inject({ method: 'GET', url: '/metrics' });
      expect(response.statusCode).toBe(404);
      const { ApiMetrics } = await import('./api-metrics');
      const text = await api.app.get(ApiMetrics).registry.metrics();
      expect(text).not.toContain('recsys_http_request_duration_seconds_count{');
    } finally {
      await api.close();
    }
  });
});
