import { evaluateRanking } from './evaluate-ranking';
import { EmbeddingModel, ScoreMetric } from './embedding-model';
import { createSeededRandom } from './seeded-random';
import { buildUserItemSets, UserItemSets } from './user-item-sets';
import { userMetricsAtK } from './user-metrics';

function sets(userCount: number, perUser: number[][]): UserItemSets {
  const users = perUser.flatMap((items, user) => items.map(() => user));
  return buildUserItemSets({
    userCount,
    users: Int32Array.from(users),
    items: Int32Array.from(perUser.flat()),
  });
}

/** Reference: full sort of every item by the metric's true score. */
function naiveTopK(model: EmbeddingModel, user: number, exclude: Set<number>, k: number): number[] {
  const { dim } = model;
  const u = model.userVectors.subarray(user * dim, (user + 1) * dim);
  const scored: { item: number; score: number }[] = [];
  for (let i = 0; i < model.itemVectors.length / dim; i++) {
    if (exclude.has(i)) continue;
    const v = model.itemVectors.subarray(i * dim, (i + 1) * dim);
    let dot = 0, uu = 0, vv = 0, l2 = 0; // prettier-ignore
    for (let d = 0; d < dim; d++) {
      dot += u[d] * v[d];
      uu += u[d] * u[d];
      vv += v[d] * v[d];
      l2 += (u[d] - v[d]) ** 2;
    }
    const byMetric = { dot, cosine: dot / Math.sqrt(uu * vv), 'neg-l2': -Math.sqrt(l2) };
    scored.push({ item: i, score: byMetric[model.metric] });
  }
  scored.sort((a, b) => b.score - a.score || a.item - b.item);
  return scored.slice(0, k).map((entry) => entry.item);
}

describe('evaluateRanking', () => {
  it('computes hand-checked metrics and leaves training items out of the ranking', async () => {
    // 1-d vectors, dot metric: user 0 prefers high items, user 1 low items.
    const model: EmbeddingModel = {
      dim: 1,
      metric: 'dot',
      userVectors: Float32Array.of(1, -1, 1),
      itemVectors: Float32Array.of(0, 1, 2, 3, 4),
    };
    const train = sets(3, [[4], [0], []]);
    const test = sets(3, [[3, 0], [2], []]);
    const metrics = await evaluateRanking({ model, train, test, k: 2 });
    // user 0 ranks [3, 2] (4 is a training item): 1 hit of 2. user 1 ranks [1, 2]: hit at rank 1.
    expect(metrics.users).toBe(2);
    expect(metrics.recall).toBeCloseTo((1 / 2 + 1) / 2, 12);
    expect(metrics.precision).toBeCloseTo((1 / 2 + 1 / 2) / 2, 12);
    expect(metrics.ndcg).toBeCloseTo((1 / (1 + 1 / Math.log2(3)) + 1 / Math.log2(3)) / 2, 12);
    expect(metrics.map).toBeCloseTo((1 / 2 + 1 / 2) / 2, 12);
    expect(metrics.coverage).toBeCloseTo(3 / 5, 12);
  });

  it('counts test users without a trained vector as skipped', async () => {
    const model = {
      dim: 1,
      metric: 'dot' as const,
      userVectors: Float32Array.of(1),
      itemVectors: Float32Array.of(1, 2),
    };
    const metrics = await evaluateRanking({
      model,
      train: sets(2, [[], []]),
      test: sets(2, [[1], [0]]),
      k: 1,
    });
    expect(metrics.users).toBe(1);
    expect(metrics.skippedUsers).toBe(1);
    expect(metrics.recall).toBe(1);
  });

  it.each<ScoreMetric>(['neg-l2', 'dot', 'cosine'])(
    'ranks as a full sort does under %s, on 1 and 2 worker threads',
    async (metric) => {
      const random = createSeededRandom(11);
      const dim = 5;
      const [userCount, itemCount, k] = [40, 61, 7];
      const model: EmbeddingModel = {
        dim,
        metric,
        userVectors: Float32Array.from({ length: userCount * dim }, () => random() - 0.5),
        itemVectors: Float32Array.from({ length: itemCount * dim }, () => random() * 2 - 1),
      };
      const perUser = (count: number): number[][] =>
        Array.from({ length: userCount }, () =>
          Array.from({ length: count }, () => Math.floor(random() * itemCount)),
        );
      const train = sets(userCount, perUser(6));
      const test = sets(userCount, perUser(3));
      let expectedNdcg = 0;
      for (let u = 0; u < userCount; u++) {
        const exclude = new Set(train.items.subarray(train.offsets[u], train.offsets[u + 1]));
        const top = Int32Array.from(naiveTopK(model, u, exclude, k));
        const relevant = test.items.subarray(test.offsets[u], test.offsets[u + 1]);
        expectedNdcg += userMetricsAtK(top, relevant, k).ndcg / userCount;
      }
      const single = await evaluateRanking({ model, train, test, k });
      const parallel = await evaluateRanking({ model, train, test, k, threads: 2 });
      expect(single.ndcg).toBeCloseTo(expectedNdcg, 10);
      expect(parallel).toEqual(single);
    },
  );

  it('reports progress up to the number of evaluated users', async () => {
    const model = {
      dim: 2,
      metric: 'neg-l2' as const,
      userVectors: new Float32Array(2 * 600),
      itemVectors: Float32Array.of(0, 0, 1, 1),
    };
    const test = buildUserItemSets({
      userCount: 600,
      users: Int32Array.from({ length: 600 }, (_, u) => u),
      items: new Int32Array(600),
    });
    const progress: number[] = [];
    const metrics = await evaluateRanking({
      model,
      train: sets(600, []),
      test,
      k: 1,
      onProgress: (done, total) => progress.push(done / total),
    });
    expect(progress).toEqual([512 / 600, 1]);
    expect(metrics.recall).toBe(1);
  });

  it('rejects a K below 1', async () => {
    const model = { dim: 1, metric: 'dot' as const, userVectors: Float32Array.of(1), itemVectors: Float32Array.of(1) }; // prettier-ignore
    await expect(
      evaluateRanking({ model, train: sets(1, [[]]), test: sets(1, [[0]]), k: 0 }),
    ).rejects.toThrow('k must be');
  });
});
