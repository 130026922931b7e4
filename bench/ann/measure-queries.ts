import { performance } from 'node:perf_hooks';
import type { VectorIndex } from '@recsys/vector-index';

export interface QueryMeasurement {
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  /** Row indices returned for each query, best first. */
  results: number[][];
}

/** Runs every query ([count, dim]) through `index`, timing each one. */
export function measureQueries(
  index: VectorIndex,
  queries: Float32Array,
  search: { k: number; exclude?: (row: number) => boolean },
): QueryMeasurement {
  const count = queries.length / index.dim;
  const timesMs: number[] = [];
  const results: number[][] = [];
  for (let q = 0; q < count; q++) {
    const query = queries.subarray(q * index.dim, (q + 1) * index.dim);
    const start = performance.now();
    const hits = index.search(query, search.k, search.exclude);
    timesMs.push(performance.now() - start);
    results.push(hits.map((hit) => hit.index));
  }
  const sorted = [...timesMs].sort((a, b) => a - b);
  return {
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    meanMs: timesMs.reduce((sum, t) => sum + t, 0) / count,
    results,
  };
}

/** Mean share of the true top k found by the approximate results (Recall@k). */
export function recallAtK(approximate: number[][], exact: number[][]): number {
  let found = 0;
  let wanted = 0;
  approximate.forEach((rows, q) => {
    const truth = new Set(exact[q]);
    found += rows.filter((row) => truth.has(row)).length;
    wanted += truth.size;
  });
  return wanted === 0 ? 1 : found / wanted;
}

function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))];
}
