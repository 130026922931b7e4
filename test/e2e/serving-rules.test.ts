// /recommend as a storefront uses it: keys, paging, exclusions, the catalogue, similar items, anonymous
// sessions and clicks that change the next answer — api, ingestor and trainer on real Kafka, PostgreSQL, Redis.
import type { InteractionEventV1 } from '@recsys/interaction-events';
import type { Recommendations } from '@recsys/recommendations';
import { AppProcess } from './support/app-process';
import { freePort } from './support/free-port';
import { apiClient, requestJson, TEST_KEYS } from './support/http-client';
import { startRunningStack, type RunningStack } from './support/running-stack';
import { plantedTasteHistory } from './support/storefront-data';
import { waitFor } from './support/wait-for';

jest.setTimeout(300_000);

const history = plantedTasteHistory(41);
const clusterOf = new Map(history.items.map((i) => [i.itemId, i.cluster]));
const ids = (answer: { items: { itemId: string }[] }) => answer.items.map((i) => i.itemId);
const inCluster = (itemIds: string[], cluster: number) =>
  itemIds.filter((id) => clusterOf.get(id) === cluster).length;

describe('serving rules on real Kafka, PostgreSQL and Redis', () => {
  let running: RunningStack;
  let reader: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    running = await startRunningStack('e2e_serving');
    reader = apiClient(running.baseUrl, TEST_KEYS.read);
    await running.ingest(history.events);
    const job = await running.train();
    expect(job.status).toBe('succeeded');
    await waitFor(async () => (await reader.get('/recommend/user-1')).status === 200, {
      timeoutMs: 60_000,
      what: 'the first model to be served',
    });
  });

  afterAll(async () => {
    await running?.stop();
  });

  it('requires a key: 401 without or with an unknown one, 403 for a read key on writes', async () => {
    const url = `${running.baseUrl}/recommend/user-1`;
    expect((await requestJson<{ error: string }>(url)).body.error).toBe('UNAUTHENTICATED');
    expect((await requestJson(url)).status).toBe(401);
    expect((await requestJson(url, { apiKey: 'guess' })).status).toBe(401);
    const denied = await reader.post<{ error: string }>('/events', history.events[0]);
    expect(denied.status).toBe(403);
    expect(denied.body.error).toBe('FORBIDDEN');
    expect((await reader.post('/training-jobs', {})).status).toBe(403);
    expect((await reader.put('/items/x', {})).status).toBe(403);
    expect((await reader.get('/recommend/user-1')).status).toBe(200);
    expect((await requestJson(`${running.baseUrl}/health/live`)).status).toBe(200);
  });

  it('pages with offset and limit', async () => {
    const all = ids((await reader.get<Recommendations>('/recommend/user-2?limit=10')).body);
    const first = ids((await reader.get<Recommendations>('/recommend/user-2?limit=5')).body);
    const second = ids(
      (await reader.get<Recommendations>('/recommend/user-2?limit=5&offset=5')).body,
    );
    expect([...first, ...second]).toEqual(all);
    expect((await reader.get('/recommend/user-2?limit=100000')).status).toBe(400);
    expect((await reader.get('/recommend/user-2?offset=-1')).status).toBe(400);
    expect((await reader.get('/recommend/user-2?color=red')).status).toBe(400);
  });

  it('leaves out excluded and already seen items unless asked to keep seen ones', async () => {
    const seen = new Set(history.events.filter((e) => e.userId === 'user-3').map((e) => e.itemId));
    const answer = (await reader.get<Recommendations>('/recommend/user-3?limit=20')).body;
    expect(answer.items.some((i) => seen.has(i.itemId))).toBe(false);
    const [a, b] = ids(answer);
    const excluded = (
      await reader.get<Recommendations>(`/recommend/user-3?limit=20&exclude=${a},${b}`)
    ).body;
    expect(ids(excluded)).not.toContain(a);
    expect(ids(excluded)).not.toContain(b);
    expect(excluded.items).toHaveLength(20);
    const withSeen = (
      await reader.get<Recommendations>('/recommend/user-3?limit=20&excludeSeen=false')
    ).body;
    expect(withSeen.items.some((i) => seen.has(i.itemId))).toBe(true);
  });

  it('never recommends items the catalogue marks unavailable or deleted, and filters by category', async () => {
    const [top, second] = ids((await reader.get<Recommendations>('/recommend/user-4')).body);
    expect(
      (await running.api.put(`/items/${top}`, { available: false, category: 'x' })).status,
    ).toBe(200);
    // Never PUT, only known to the model: the delete still takes effect (a tombstone), 204.
    expect((await running.api.delete(`/items/${second}`)).status).toBe(204);
    expect(
      ids((await reader.get<Recommendations>('/recommend/user-4?limit=50')).body),
    ).not.toContain(second);
    expect((await running.api.put(`/items/${second}`, { category: 'x' })).status).toBe(200);
    expect((await running.api.delete(`/items/${second}`)).status).toBe(204);
    const after = ids((await reader.get<Recommendations>('/recommend/user-4?limit=50')).body);
    expect(after).not.toContain(top);
    expect(after).not.toContain(second);

    const featured = history.items
      .filter((i) => i.cluster === 0)
      .slice(0, 3)
      .map((i) => i.itemId);
    for (const itemId of featured)
      await running.api.put(`/items/${itemId}`, {
        category: 'featured',
        properties: { price: 9.5 },
      });
    const onlyFeatured = (
      await reader.get<Recommendations>('/recommend/user-5?category=featured&excludeSeen=false')
    ).body;
    expect(ids(onlyFeatured).length).toBeGreaterThan(0);
    expect(ids(onlyFeatured).every((id) => featured.includes(id))).toBe(true);
    expect(
      (await reader.get<{ properties: unknown }>(`/items/${featured[0]}`)).body.properties,
    ).toEqual({ price: 9.5 });
    expect((await running.api.put('/items/y', { colour: 'red' })).status).toBe(400);
  });

  it('finds similar items and recommends for an anonymous session', async () => {
    const item = history.items.find((i) => i.cluster === 2 && i.itemId !== undefined)!;
    const similar = (await reader.get<Recommendations>(`/items/${item.itemId}/similar`)).body;
    expect(ids(similar)).not.toContain(item.itemId);
    expect(inCluster(ids(similar), 2)).toBeGreaterThanOrEqual(8);
    expect((await reader.get('/items/no-such-item/similar')).status).toBe(404);

    const session = history.items
      .filter((i) => i.cluster === 3)
      .slice(0, 3)
      .map((i) => i.itemId);
    const answer = await reader.post<Recommendations>('/recommend', {
      itemIds: session,
      limit: 10,
    });
    expect(answer.status).toBe(200);
    expect(ids(answer.body).some((id) => session.includes(id))).toBe(false);
    expect(inCluster(ids(answer.body), 3)).toBeGreaterThanOrEqual(8);
    expect((await reader.post('/recommend', { itemIds: [] })).status).toBe(400);
  });

  it('reacts to clicks streamed to Kafka: an unknown user gets recommendations from them', async () => {
    const before = (await reader.get<Recommendations>('/recommend/newcomer')).body;
    expect(before.items.every((i) => i.source === 'popular')).toBe(true);
    const clicked = history.items
      .filter((i) => i.cluster === 1)
      .slice(0, 3)
      .map((i) => i.itemId);
    const clicks: InteractionEventV1[] = clicked.map((itemId, n) => ({
      eventId: `newcomer-click-${n}`,
      userId: 'newcomer',
      itemId,
      type: 'click',
      timestamp: new Date().toISOString(),
    }));
    await running.ingest(clicks);
    let after = before;
    await waitFor(
      async () => {
        after = (await reader.get<Recommendations>('/recommend/newcomer')).body;
        return after.items[0]?.source === 'realtime';
      },
      { timeoutMs: 30_000, what: 'recommendations from the clicks' },
    );
    expect(ids(after).some((id) => clicked.includes(id))).toBe(false);
    expect(inCluster(ids(after), 1)).toBeGreaterThanOrEqual(8);
  });

  it('limits the request rate per key and the body size', async () => {
    const port = await freePort();
    const limited = AppProcess.start('api', {
      ...running.stack.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      // A key of its own: counts are shared through Redis by every api of the stack (as replicas share
      // them), and this suite's main api spends TEST_KEYS in the same window.
      API_READ_KEYS: LIMITED_KEYS.read,
      API_WRITE_KEYS: LIMITED_KEYS.write,
      RATE_LIMIT_PER_SECOND: '1',
      RATE_LIMIT_BURST: '2',
      BODY_LIMIT_BYTES: '2048',
    });
    try {
      await limited.waitForLog(/listening on/, 60_000);
      const client = apiClient(`http://127.0.0.1:${port}`, LIMITED_KEYS.read);
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await client.get('/health/ready')).status);
      const answers = [];
      for (let i = 0; i < 3; i++) answers.push(await client.get('/recommend/user-1'));
      expect(answers.slice(0, 2).map((a) => a.status)).toEqual([200, 200]);
      expect(answers[2].status).toBe(429);
      expect(Number(answers[2].headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      const writer = apiClient(`http://127.0.0.1:${port}`, LIMITED_KEYS.write);
      const tooBig = await writer.post<{ error: string }>(
        '/events',
        Array(40).fill(history.events[0]),
      );
      expect(tooBig.status).toBe(413);
      expect(statuses).toEqual([200, 200, 200]);
    } finally {
      await limited.stop();
    }
  });
});

const LIMITED_KEYS = { read: 'e2e-limited-read-key', write: 'e2e-limited-write-key' } as const;
