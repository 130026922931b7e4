import type { ModelSnapshot } from '@recsys/domain';
import { compareWithServing } from './compare-with-serving';
import { indexTrainingSet } from './index-training-set';

// Users u1, u2; items a, b, c, d (indices in order of first appearance).
const indexed = indexTrainingSet({
  positives: [
    ['u1', 'a'],
    ['u2', 'b'],
    ['u1', 'c'],
    ['u2', 'c'],
    ['u1', 'd'],
    ['u1', 'b'],
  ].map(([userId, itemId], n) => ({ userId, itemId, weight: 1, likedAtMs: n })),
  triplets: [],
});
// Held out: u1-c, u2-c, u1-d, u1-b (rows 2..5); trained: u1-a, u2-b.
const split = { trainRows: Int32Array.from([0, 1]), testRows: Int32Array.from([2, 3, 4, 5]) };

// 1-d vectors: u1 at 0; items by distance. The candidate puts c nearest, the serving model a.
const candidate = {
  dim: 1,
  metric: 'neg-l2' as const,
  userVectors: Float32Array.from([0, 5]),
  itemVectors: Float32Array.from([9, 5, 0.1, 8]),
};
const serving: ModelSnapshot = {
  metadata: {
    version: 's',
    createdAt: '2026-01-01T00:00:00Z',
    dim: 1,
    metric: 'neg-l2',
    itemCount: 3,
    userCount: 1,
    metrics: {},
    trainingParams: {},
  },
  // Knows u1 only and items b, c, a (its own order); saw u1-b in its training.
  userIds: ['u1'],
  userVectors: Float32Array.from([0]),
  itemIds: ['b', 'c', 'a'],
  itemVectors: Float32Array.from([0.2, 9, 0.1]),
  seenItems: { offsets: Int32Array.from([0, 1]), items: Int32Array.from([0]) },
  popularItems: new Int32Array(0),
};

describe('compareWithServing', () => {
  it('scores both on the held-out likes the serving model knows and did not see', async () => {
    const comparison = await compareWithServing(
      { indexed, split, candidate, serving },
      { k: 1, threads: 1 },
    );
    // Only u1-c qualifies: u2 is unknown, d is unknown, u1-b was in the serving model's training.
    expect(comparison).toMatchObject({ rows: 1, users: 1 });
    // Top 1 without the user's training item a: the candidate ranks c first, the serving model b.
    expect(comparison?.candidate.recall).toBe(1);
    expect(comparison?.serving.recall).toBe(0);
  });

  it('is null when no held-out like qualifies', async () => {
    const onlySeen = { ...split, testRows: Int32Array.from([3, 4, 5]) };
    expect(
      await compareWithServing(
        { indexed, split: onlySeen, candidate, serving },
        { k: 1, threads: 1 },
      ),
    ).toBeNull();
  });
});
