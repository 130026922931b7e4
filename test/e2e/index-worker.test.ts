// The compiled api builds its nearest-neighbour indexes and its per-user lists on worker threads
// (dist/…/index-build-worker.js, shortlist-worker.js) and serves from them: HNSW for a mid-sized catalogue, IVF for a bigger one, on real Redis and Kafka.
import type { ModelSnapshot } from '@recsys/domain';
import type { Recommendations } from '@recsys/recommendations';
import { RedisEmbeddingStore } from '@recsys/redis-adapters';
import { clusteredVectors } from '@recsys/vector-index';
import { AppProcess } from './support/app-process';
import { freePort } from './support/free-port';
import { apiClient, TEST_KEYS } from './support/http-client';
import { createIsolatedStack, type IsolatedStack } from './support/isolated-stack';
import { waitFor } from './support/wait-for';

jest.setTimeout(180_000);

const DIM = 16;

/** A model whose user u's vector is item (7·u + 3)'s: that item is the user's exact nearest one. */
function model(version: string, items: number): ModelSnapshot {
  const users = 20;
  const itemVectors = clusteredVectors({ rows: items, dim: DIM, clusterCount: 50, spread: 0.5, seed: items }); // prettier-ignore
  const userVectors = new Float32Array(users * DIM);
  for (let u = 0; u < users; u++) userVectors.set(itemVectors.subarray(nearestItemOf(u) * DIM, (nearestItemOf(u) + 1) * DIM), u * DIM); // prettier-ignore
  return {
    metadata: { version, createdAt: new Date().toISOString(), dim: DIM, metric: 'neg-l2', itemCount: items, userCount: users, metrics: {}, trainingParams: {} }, // prettier-ignore
    itemIds: Array.from({ length: items }, (_, i) => `item-${i}`),
    itemVectors,
    userIds: Array.from({ length: users }, (_, u) => `user-${u}`),
    userVectors,
    seenItems: { offsets: new Int32Array(users + 1), items: new Int32Array(0) },
    popularItems: Int32Array.from({ length: 10 }, (_, i) => i),
  };
}

const nearestItemOf = (user: number) => 7 * user + 3;

describe('index builds on worker threads', () => {
  let stack: IsolatedStack;
  let store: RedisEmbeddingStore;
  let api: AppProcess;
  let client: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    stack = await createIsolatedStack('e2e_index');
    store = new RedisEmbeddingStore({ url: stack.env.REDIS_URL, keyPrefix: stack.env.REDIS_KEY_PREFIX }); // prettier-ignore
    const port = await freePort();
    api = AppProcess.start('api', {
      ...stack.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      API_READ_KEYS: TEST_KEYS.read,
      API_WRITE_KEYS: TEST_KEYS.write,
      MODEL_POLL_INTERVAL_MS: '300',
      INDEX_EXACT_BELOW: '1000',
      INDEX_HNSW_BELOW: '5000',
      RECOMMEND_SHORTLIST_THREAD_ABOVE: '0',
    });
    await api.waitForLog(/listening on/, 60_000);
    client = apiClient(`http://127.0.0.1:${port}`, TEST_KEYS.read);
  });

  afterAll(async () => {
    await api?.stop();
    await store?.close();
    await stack?.cleanup();
  });

  async function publishAndWait(snapshot: ModelSnapshot): Promise<void> {
    await store.publish(snapshot);
    await waitFor(
      async () => (await client.get<{ serving: string | null }>('/models')).body.serving === snapshot.metadata.version, // prettier-ignore
      { timeoutMs: 60_000, what: `the api to serve ${snapshot.metadata.version}`, onTimeout: () => api.logs }, // prettier-ignore
    );
  }

  it.each([
    ['hnsw', 3_000],
    ['ivf', 8_000],
  ])('builds %s for %i items in a worker and recommends from it', async (kind, items) => {
    const version = `e2e-${kind}-${items}`;
    await publishAndWait(model(version, items));
    expect(api.logs).toMatch(new RegExp(`model ${version}: building a ${kind} index of ${items} rows in 1 worker thread`)); // prettier-ignore
    expect(api.logs).toMatch(new RegExp(`model ${version}: ${kind} index built in \\d+ ms \\(\\d+ ms in the workers\\)`)); // prettier-ignore
    expect(api.logs).not.toMatch(/building on the request thread/);
    await waitFor(() => new RegExp(`lists of 20 users for model ${version} computed on a worker thread`).test(api.logs), { timeoutMs: 60_000, what: 'the lists', onTimeout: () => api.logs }); // prettier-ignore
    for (const user of [0, 5, 19]) {
      const answer = await client.get<Recommendations>(`/recommend/user-${user}?limit=5`);
      expect(answer.status).toBe(200);
      expect(answer.body.modelVersion).toBe(version);
      expect(answer.body.items[0]).toMatchObject({ itemId: `item-${nearestItemOf(user)}` });
      expect(answer.body.items).toHaveLength(5);
    }
  });
});
