import { buildHnswIndexSteps } from './build-hnsw-index';
import { runStepsNow } from './build-steps';
import { clusteredVectors } from './clustered-vectors';
import { ExactVectorIndex } from './exact-vector-index';
import type { VectorIndex, VectorMetric } from './vector-index';

const DIM = 32;
const ROWS = 20_000;
const QUERIES = 100;

// One seeded data set: the last QUERIES rows are held out as queries (same clusters, unseen points).
const all = clusteredVectors({
  rows: ROWS + QUERIES,
  dim: DIM,
  clusterCount: 200,
  spread: 1,
  seed: 3,
});
const vectors = all.subarray(0, ROWS * DIM);
const query = (q: number) => all.subarray((ROWS + q) * DIM, (ROWS + q + 1) * DIM);

function recallAt10(
  index: VectorIndex,
  exact: VectorIndex,
  { queries = QUERIES, exclude }: { queries?: number; exclude?: (row: number) => boolean } = {},
) {
  let found = 0;
  for (let q = 0; q < queries; q++) {
    const truth = new Set(exact.search(query(q), 10, exclude).map((hit) => hit.index));
    found += index.search(query(q), 10, exclude).filter((hit) => truth.has(hit.index)).length;
  }
  return found / (queries * 10);
}

const build = (metric: VectorMetric, table = vectors, seed = 1) =>
  runStepsNow(buildHnswIndexSteps({ vectors: table, dim: DIM, metric }, { seed }));

describe('HnswVectorIndex', () => {
  const index = build('neg-l2');
  const exact = new ExactVectorIndex(vectors, DIM, 'neg-l2');

  it('finds at least 98% of the exact top 10 on clustered data', () => {
    expect(index.size).toBe(ROWS);
    expect(recallAt10(index, exact)).toBeGreaterThanOrEqual(0.98);
  });

  it('returns the exact scores of the rows it finds, best first', () => {
    const hits = index.search(query(0), 10);
    const exactScores = new Map(exact.search(query(0), ROWS).map((hit) => [hit.index, hit.score]));
    hits.forEach((hit) => expect(hit.score).toBeCloseTo(exactScores.get(hit.index)!, 4));
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
  });

  it('still returns k results, none excluded, when exclusion rejects 95% of the rows', () => {
    const exclude = (row: number) => row % 20 !== 0;
    const hits = index.search(query(1), 10, exclude);
    expect(hits).toHaveLength(10);
    expect(hits.every((hit) => !exclude(hit.index))).toBe(true);
    expect(recallAt10(index, exact, { queries: 30, exclude })).toBeGreaterThanOrEqual(0.95);
  });

  it('returns every remaining row when fewer than k are not excluded', () => {
    const kept = new Set([5, 17, 4000]);
    const hits = index.search(query(2), 10, (row) => !kept.has(row));
    expect(hits.map((hit) => hit.index).sort((a, b) => a - b)).toEqual([5, 17, 4000]);
  });

  it('builds the same graph from the same seed', () => {
    const small = vectors.subarray(0, 1_000 * DIM);
    const first = build('neg-l2', small, 9);
    const second = build('neg-l2', small, 9);
    for (let q = 0; q < 10; q++)
      expect(first.search(query(q), 10)).toEqual(second.search(query(q), 10));
  });

  it.each(['dot', 'cosine'] as const)('serves the %s metric with high recall', (metric) => {
    const table = vectors.subarray(0, 3_000 * DIM);
    const recall = recallAt10(build(metric, table), new ExactVectorIndex(table, DIM, metric));
    expect(recall).toBeGreaterThanOrEqual(0.97);
  });
});
