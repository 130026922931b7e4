// The api (compiled, its own process) on real PostgreSQL, Redis and Kafka, as a hostile or unlucky client
// meets it (issue 9): bad ids and bodies are 4xx in one error shape, a delete always takes effect, and
// outages of PostgreSQL and Redis (cut TCP proxies owned by this test) or of the broker are 503 with
// Retry-After, within a budget, naming no internal address. The shared services are never stopped.
import { createServer, type AddressInfo } from 'node:net';
import type { ModelSnapshot } from '@recsys/domain';
import type { Recommendations } from '@recsys/recommendations';
import { RedisEmbeddingStore } from '@recsys/redis-adapters';
import { startTcpProxy } from '../integration/redis/realtime-store-sockets';
import { AppProcess } from './support/app-process';
import { freePort } from './support/free-port';
import { apiClient, TEST_KEYS } from './support/http-client';
import { expectDocumented } from './support/response-contract';
import { createIsolatedStack, type IsolatedStack } from './support/isolated-stack';
import { waitFor } from './support/wait-for';

jest.setTimeout(120_000);

type Proxy = Awaited<ReturnType<typeof startTcpProxy>>;
type ErrorBody = { statusCode: number; error: string; message: string; details?: unknown };

const PUBLISH_BUDGET_MS = 2000;

/** A model whose user-1 is closest to `X`: before the delete, X is the first recommendation. */
function modelWithX(version: string): ModelSnapshot {
  const itemIds = ['item-a', 'item-b', 'X'];
  return {
    metadata: {
      version,
      createdAt: '2026-12-01T00:00:00.000Z',
      dim: 2,
      metric: 'neg-l2',
      itemCount: 3,
      userCount: 1,
      metrics: {},
      trainingParams: {},
    },
    itemIds,
    itemVectors: Float32Array.from([1, 0, 0, 1, 5, 5]),
    userIds: ['user-1'],
    userVectors: Float32Array.from([5, 5]),
    seenItems: { offsets: Int32Array.from([0, 0]), items: new Int32Array(0) },
    popularItems: Int32Array.from([2, 0, 1]),
  };
}

/** Raw HTTP: the body as given (no JSON encoding), the headers as given. */
async function raw(
  url: string,
  init: { method: string; body?: string; headers?: Record<string, string> },
) {
  const response = await fetch(url, {
    method: init.method,
    body: init.body,
    headers: { 'x-api-key': TEST_KEYS.write, ...init.headers },
  });
  const text = await response.text();
  const body = JSON.parse(text) as ErrorBody;
  await expectDocumented(url, {
    method: init.method,
    status: response.status,
    contentType: response.headers.get('content-type'),
    header: (name) => response.headers.get(name),
    body,
    empty: text.length === 0,
  });
  return { status: response.status, body, headers: response.headers };
}

describe('hostile and unlucky requests to the api', () => {
  let stack: IsolatedStack;
  let pgProxy: Proxy;
  let redisProxy: Proxy;
  let api: AppProcess;
  let baseUrl: string;
  let client: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    stack = await createIsolatedStack('e2e_hostile');
    const database = new URL(stack.env.DATABASE_URL);
    const redis = new URL(stack.env.REDIS_URL);
    pgProxy = await startTcpProxy({ host: database.hostname, port: Number(database.port || 5432) });
    redisProxy = await startTcpProxy({ host: redis.hostname, port: Number(redis.port || 6379) });
    database.port = String(pgProxy.port);
    redis.port = String(redisProxy.port);
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    api = AppProcess.start('api', {
      ...stack.env,
      DATABASE_URL: database.toString(),
      REDIS_URL: redis.toString(),
      PORT: String(port),
      HOST: '127.0.0.1',
      API_READ_KEYS: TEST_KEYS.read,
      API_WRITE_KEYS: TEST_KEYS.write,
      KAFKA_PUBLISH_TIMEOUT_MS: String(PUBLISH_BUDGET_MS),
    });
    await api.waitForLog(/listening on/, 60_000);
    client = apiClient(baseUrl);
  });

  afterAll(async () => {
    await api?.stop();
    await pgProxy?.cut();
    await redisProxy?.cut();
    await stack?.cleanup();
  });

  describe('inputs PostgreSQL cannot store are 400 (item 6)', () => {
    it.each([
      ['PUT /items/%00', '/items/%00', '{}'],
      ['a NUL category', '/items/i1', '{"category":"\\u0000"}'],
      ['a lone surrogate in a property value', '/items/i1', '{"properties":{"a":"\\ud800"}}'],
      ['a NUL property key', '/items/i1', '{"properties":{"\\u0000":1}}'],
    ])('%s', async (_what, path, body) => {
      const answer = await raw(`${baseUrl}${path}`, {
        method: 'PUT',
        body,
        headers: { 'content-type': 'application/json' },
      });
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ statusCode: 400, error: 'INVALID_REQUEST' });
    });
  });

  it('accepts ids of 101..256 characters in routes, as in events (item 8)', async () => {
    const id = 'x'.repeat(256);
    expect((await client.put(`/items/${id}`, { category: 'c'.repeat(256) })).status).toBe(200);
    expect((await client.get(`/recommend/${id}`)).status).not.toBe(414);
    const tooLong = await client.get<ErrorBody>(`/recommend/${'x'.repeat(257)}`);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.message).toBe('userId must be at most 256 characters');
    const huge = await client.get<ErrorBody>(`/recommend/${'x'.repeat(4000)}`);
    expect(huge.status).toBe(414);
    expect(huge.body).toMatchObject({ statusCode: 414, error: 'URI_TOO_LONG' });
  });

  it('answers 415 for a JSON body without content-type (item 9)', async () => {
    const answer = await raw(`${baseUrl}/training-jobs`, { method: 'POST', body: '{"epochs":3}' });
    expect(answer.status).toBe(415);
    expect(answer.body.error).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('states the violated bounds of training parameters (item 10)', async () => {
    const answer = await client.post<ErrorBody>('/training-jobs', { epochs: -1, dim: 100000 });
    expect(answer.status).toBe(400);
    expect(answer.body.details).toEqual({
      errors: [
        { field: 'epochs', message: 'epochs must be >= 1' },
        { field: 'dim', message: 'dim must be <= 512' },
      ],
    });
  });

  it('deletes an item the model knows but the catalogue never had: it stops being recommended (item 15)', async () => {
    const store = new RedisEmbeddingStore({
      url: stack.env.REDIS_URL,
      keyPrefix: stack.redisKeyPrefix,
    });
    try {
      await store.publish(modelWithX('v-hostile-1'));
    } finally {
      await store.close();
    }
    const recommended = async (userId: string) =>
      (await client.get<Recommendations>(`/recommend/${userId}?limit=3`)).body.items?.map(
        (i) => i.itemId,
      ) ?? [];
    await waitFor(async () => (await recommended('user-1')).includes('X'), {
      timeoutMs: 30_000,
      what: 'the model with X to be served',
      onTimeout: () => api.logs,
    });
    expect((await recommended('someone-new')).includes('X')).toBe(true);

    expect((await client.delete('/items/X')).status).toBe(204);
    expect(await recommended('user-1')).not.toContain('X');
    expect(await recommended('someone-new')).not.toContain('X');
    expect((await client.delete('/items/X')).status).toBe(204);
    expect((await client.get('/items/X')).status).toBe(404);
  });

  describe('PostgreSQL down (item 11)', () => {
    it('answers items and jobs with 503, Retry-After and no address; recovers when it is back', async () => {
      await pgProxy.cut();
      try {
        for (const answer of [
          await client.put<ErrorBody>('/items/during-outage', {}),
          await client.post<ErrorBody>('/training-jobs', {}),
          await client.get<ErrorBody>('/training-jobs/3f2504e0-4f89-41d3-9a0c-0305e82c3301'),
        ]) {
          expect(answer.status).toBe(503);
          expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
          expect(JSON.stringify(answer.body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|:\d{4,5}\b/);
        }
      } finally {
        await pgProxy.restore();
      }
      await waitFor(async () => (await client.put('/items/after-outage', {})).status === 200, {
        timeoutMs: 30_000,
        what: 'PUT /items to work again',
        onTimeout: () => api.logs,
      });
    });
  });

  describe('Redis down (item 11)', () => {
    it('answers models and activate with 503 and Retry-After', async () => {
      await redisProxy.cut();
      try {
        for (const answer of [
          await client.get<ErrorBody>('/models'),
          await client.post<ErrorBody>('/models/v-hostile-1/activate', {}),
        ]) {
          expect(answer.status).toBe(503);
          expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
          expect(JSON.stringify(answer.body)).not.toMatch(/127\.0\.0\.1|:\d{4,5}\b/);
        }
      } finally {
        await redisProxy.restore();
      }
    });
  });

  it('answers POST /events within the publish budget with 503, Retry-After and no broker address when the broker hangs (item 7)', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const brokerPort = (silent.address() as AddressInfo).port;
    const port = await freePort();
    const lonely = AppProcess.start('api', {
      ...stack.env,
      KAFKA_BROKERS: `127.0.0.1:${brokerPort}`,
      PORT: String(port),
      HOST: '127.0.0.1',
      API_READ_KEYS: TEST_KEYS.read,
      API_WRITE_KEYS: TEST_KEYS.write,
      KAFKA_PUBLISH_TIMEOUT_MS: String(PUBLISH_BUDGET_MS),
    });
    try {
      await lonely.waitForLog(/listening on/, 60_000);
      const event = {
        eventId: 'e-outage-1',
        userId: 'user-1',
        itemId: 'item-a',
        type: 'click',
        timestamp: new Date().toISOString(),
      };
      const started = Date.now();
      const answer = await apiClient(`http://127.0.0.1:${port}`).post<ErrorBody>('/events', event);
      const elapsedMs = Date.now() - started;
      expect(answer.status).toBe(503);
      expect(answer.body.error).toBe('EVENT_PUBLISH_FAILED');
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(JSON.stringify(answer.body)).not.toContain(String(brokerPort));
      expect(elapsedMs).toBeLessThan(PUBLISH_BUDGET_MS + 1500);
    } finally {
      await lonely.stop();
      silent.close();
    }
  });
});
