import type { ModelSnapshot } from '@recsys/domain';
import { recommendForUser } from './recommend-for-user';
import { buildServingModel } from './serving-model';

// 1-d embeddings: items at 0, 1, 2, 10; user "near" at 0.9 has seen item b (at 1).
const snapshot: ModelSnapshot = {
  metadata: {
    version: 'v1',
    createdAt: '2026-01-01T00:00:00Z',
    dim: 1,
    metric: 'neg-l2',
    itemCount: 4,
    userCount: 2,
    metrics: {},
    trainingParams: {},
  },
  itemIds: ['a', 'b', 'c', 'far'],
  itemVectors: new Float32Array([0, 1, 2, 10]),
  userIds: ['near', 'other'],
  userVectors: new Float32Array([0.9, 9]),
  seenItems: { offsets: new Int32Array([0, 1, 1]), items: new Int32Array([1]) },
  popularItems: new Int32Array([3, 0]),
};
const model = buildServingModel(snapshot);

describe('recommendForUser', () => {
  it('returns the nearest unseen items with -distance scores and the model version', () => {
    const answer = recommendForUser(model, 'near', { limit: 2 });
    expect(answer.modelVersion).toBe('v1');
    expect(answer.items.map((i) => i.itemId)).toEqual(['a', 'c']);
    expect(answer.items[0].score).toBeCloseTo(-0.9, 5);
    expect(answer.items.every((i) => i.source === 'model')).toBe(true);
  });

  it('does not hide items from users who have not seen them', () => {
    expect(recommendForUser(model, 'other', { limit: 1 }).items[0].itemId).toBe('far');
  });

  it('gives unknown users popular items in order', () => {
    const answer = recommendForUser(model, 'stranger', { limit: 5 });
    expect(answer.items).toEqual([
      { itemId: 'far', score: 1, source: 'popular' },
      { itemId: 'a', score: 0.5, source: 'popular' },
    ]);
  });
});
