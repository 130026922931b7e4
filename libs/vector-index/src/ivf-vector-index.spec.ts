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

// 566 lists; 30 probed is about 5% of the rows, so recall comes from lists that follow the clusters.
const PROBES = 30;
const build = (metric: VectorMetric, table = vectors, seed = 1) =>
  runStepsNow(
    buildIvfIndexSteps({ vectors: table, dim: DIM, metric }, { seed, probeCount: PROBES }),
  );

describe('IvfVectorIndex', () => {
  const index = build('neg-l2');
  const exact = new ExactVectorIndex(vectors, DIM, 'neg-l2');

  it('sizes its lists and probes from the row count', () => {
    expect(defaultListCount(ROWS)).toBe(566);
    expect(defaultListCount(1_000_000)).toBe(4_000);
    expect(index.listCount).toBeGreaterThan(500);
    expect(defaultProbeCount({ count: 4_000, rows: 1_000_000 })).toBe(480);
    // Small tables: as many lists as hold 100k rows, here all of them.
    expect(defaultProbeCount({ count: 566, rows: ROWS })).toBe(566);
  });

  it('finds at least 98% of the exact top 10 on well-clustered data, scanning about 5% of it', () => {
    expect(recallAt10(index, exact)).toBeGreaterThanOrEqual(0.98);
  });

  it('returns the exact scores of the rows it finds, best first', () => {
    const hits = index.search(query(3), 10);
    const exactScores = new Map(exact.search(query(3), ROWS).map((hit) => [hit.index, hit.score]));
    hits.forEach((hit) => expect(hit.score).toBeCloseTo(exactScores.get(hit.index)!, 4));
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
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

  it('builds the same index from the same seed, another from another seed', () => {
    const small = vectors.subarray(0, 2_000 * DIM);
    const [first, second, other] = [4, 4, 5].map((seed) => build('neg-l2', small, seed).toParts());
    expect(second.rows).toEqual(first.rows);
    expect(second.offsets).toEqual(first.offsets);
    expect(other.rows).not.toEqual(first.rows);
  });

  it.each(['dot', 'cosine'] as const)('serves the %s metric', (metric) => {
    const table = vectors.subarray(0, 5_000 * DIM);
    const recall = recallAt10(build(metric, table), new ExactVectorIndex(table, DIM, metric));
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });
});
