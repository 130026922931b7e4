// GET /models and POST /models/:version/activate on an api with in-memory ports (app.inject, no socket).
import type { ModelSnapshot } from '@recsys/domain';
import { startInMemoryApi, TEST_WRITE_KEY } from '../http/testing/in-memory-api';
import type { ModelVersions } from './models.service';

function tinyModel(version: string, rejected?: string): ModelSnapshot {
  return {
    metadata: {
      version,
      createdAt: '2026-01-01T00:00:00.000Z',
      dim: 2,
      metric: 'neg-l2',
      itemCount: 2,
      userCount: 1,
      metrics: { 'recall@10': 0.5 },
      trainingParams: {},
      ...(rejected === undefined ? {} : { rejected }),
    },
    itemIds: ['a', 'b'],
    itemVectors: Float32Array.from([0, 1, 1, 0]),
    userIds: ['u1'],
    userVectors: Float32Array.from([0, 1]),
    seenItems: { offsets: Int32Array.from([0, 0]), items: new Int32Array(0) },
    popularItems: Int32Array.from([0, 1]),
  };
}

describe('models endpoints', () => {
  let api: Awaited<ReturnType<typeof startInMemoryApi>>;
  const headers = { 'x-api-key': TEST_WRITE_KEY };
  beforeAll(async () => {
    api = await startInMemoryApi();
  });
  afterAll(() => api.close());

  it('lists a rejected version with its reason (null for the others) and activates it by hand', async () => {
    const reason = "recall@10 below the serving model's: candidate 0.1000, serving 0.4000";
    await api.embeddingStore.publish(tinyModel('v1'));
    await api.embeddingStore.publish(tinyModel('v2', reason), { makeCurrent: false });
    const listed = await api.app.inject({ method: 'GET', url: '/models', headers });
    const body = listed.json<ModelVersions>();
    expect(body.current).toBe('v1');
    expect(body.versions.map((v) => [v.version, v.rejected])).toEqual([
      ['v2', reason],
      ['v1', null],
    ]);
    const activated = await api.app.inject({
      method: 'POST',
      url: '/models/v2/activate',
      headers,
    });
    expect(activated.statusCode).toBe(200);
    expect(activated.json()).toMatchObject({ current: 'v2' });
    expect(await api.embeddingStore.currentVersion()).toBe('v2');
  });
});
