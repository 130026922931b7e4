import { buildIvfIndexSteps, defaultListCount, defaultProbeCount } from './build-ivf-index';
import { runStepsNow } from './build-steps';
import { clusteredVectors } from './clustered-vectors';
import { ExactVectorIndex } from './exact-vector-index';
import type { VectorIndex, VectorMetric } from './vector-index';

const DIM = 32;
const ROWS = 20_000;
const QUERIES = 100;

// Well-separated clusters: the data IVF is for (lists follow the clusters). The last rows are the queries.
const all = clusteredVectors({
  rows: ROWS + QUERIES,
  dim: DIM,
  clusterCount: 50,
  spread: 0.5,
  seed: 5,
});
const vectors = all.subarray(0, ROWS * DIM);
const query = (q: number) => all.subarray((ROWS + q) * DIM, (ROWS + q + 1) * DIM);

function recallAt10(index: VectorIndex, exact: VectorIndex, exclude?: (row: number) => boolean) {
  let found = 0;
  for (let q = 0; q < QUERIES; q++) {
    const truth = new Set(exact.search(query(q), 10, exclude).map((hit) => hit.index));
    found += index.search(query(q), 10, exclude).filter((hit) => truth.has(hit.index)).length;
  }
  return found / (QUERIES * 10);
}

const build = (metric: VectorMetric, table = vectors, seed = 1) =>
  runStepsNow(buildIvfIndexSteps({ vectors: table, dim: DIM, metric }, { seed }));

describe('IvfVectorIndex', () => {
  const index = build('neg-l2');
  const exact = new ExactVectorIndex(vectors, DIM, 'neg-l2');

  it('sizes its lists from the row count', () => {
    expect(defaultListCount(ROWS)).toBe(283);
    expect(index.listCount).toBeGreaterThan(200);
    expect(defaultProbeCount(283)).toBe(15);
  });

  it('finds at least 98% of the exact top 10 on well-clustered data', () => {
    expect(recallAt10(index, exact)).toBeGreaterThanOrEqual(0.98);
  });

  it('keeps scanning further lists until k rows survive the exclusion', () => {
    const exclude = (row: number) => row % 50 !== 0;
    const hits = index.search(query(0), 10, exclude);
    expect(hits).toHaveLength(10);
    expect(hits.every((hit) => !exclude(hit.index))).toBe(true);
    const kept = new Set([3, 9_999]);
    expect(index.search(query(1), 10, (row) => !kept.has(row)).map((hit) => hit.index)).toEqual(
      expect.arrayContaining([3, 9_999]),
    );
  });

  it('builds the same index from the same seed', () => {
    const small = vectors.subarray(0, 2_000 * DIM);
    const first = build('neg-l2', small, 4);
    const second = build('neg-l2', small, 4);
    for (let q = 0; q < 10; q++)
      expect(first.search(query(q), 10)).toEqual(second.search(query(q), 10));
  });

  it.each(['dot', 'cosine'] as const)('serves the %s metric', (metric) => {
    const table = vectors.subarray(0, 5_000 * DIM);
    const recall = recallAt10(build(metric, table), new ExactVectorIndex(table, DIM, metric));
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });
});
