// A production-sized model (1,000,000 items x 64 dims, a 256 MB float32 table) through real Redis: it
// must round-trip exactly. Publish and load times are logged, not asserted (the machines are shared);
// EMBEDDING_STORE_SCALE_RUNS=3 repeats the round trip and logs the medians.
import { RedisEmbeddingStore } from '@recsys/redis-adapters';
import { serviceUrls } from '../../support/services';
import { makeModel, sameModel } from '../contracts/embedding-store-model-fixture';
import { deleteKeysWithPrefix, uniqueKeyPrefix } from './redis-test-keys';

const SHAPE = { itemCount: 1_000_000, userCount: 100_000, dim: 64 };
const RUNS = Number(process.env.EMBEDDING_STORE_SCALE_RUNS ?? 1);

jest.setTimeout(300_000);

describe('RedisEmbeddingStore at 1,000,000 items x 64 dims', () => {
  const keyPrefix = uniqueKeyPrefix('redis_embedding_store_scale');
  let store: RedisEmbeddingStore;

  beforeAll(() => {
    store = new RedisEmbeddingStore({ url: serviceUrls().redisUrl, keyPrefix, keepVersions: 1 });
  });

  afterAll(async () => {
    await store.close();
    await deleteKeysWithPrefix(keyPrefix);
  });

  it('publishes and loads the model exactly', async () => {
    const publishMs: number[] = [];
    const loadMs: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const model = makeModel({ version: `scale-${run}`, ...SHAPE });
      const publishStart = performance.now();
      await store.publish(model);
      publishMs.push(performance.now() - publishStart);
      const loadStart = performance.now();
      const loaded = await store.load(model.metadata.version);
      loadMs.push(performance.now() - loadStart);
      expect(loaded).not.toBeNull();
      expect(sameModel(loaded!, model)).toBe(true);
    }
    console.log(
      `embedding store ${SHAPE.itemCount} items + ${SHAPE.userCount} users x ${SHAPE.dim} dims ` +
        `(${RUNS} run(s), median): publish ${median(publishMs).toFixed(0)} ms, ` +
        `load ${median(loadMs).toFixed(0)} ms; runs publish [${publishMs.map(Math.round).join(', ')}] ` +
        `load [${loadMs.map(Math.round).join(', ')}]`,
    );
  });
});

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
