import { dotProduct } from './dot-product';
import type { SearchHit, VectorMetric } from './vector-index';

/** A row-major table ([rows, dim]) searched under one metric. */
export interface VectorTable {
  vectors: Float32Array;
  dim: number;
  metric: VectorMetric;
}

/** The score of a row for a query under `metric`, from their dot product and squared norms (higher is better). */
export function metricScore(
  metric: VectorMetric,
  dot: number,
  norms: { querySquared: number; rowSquared: number },
): number {
  if (metric === 'dot') return dot;
  if (metric === 'cosine') return dot / (Math.sqrt(norms.querySquared * norms.rowSquared) || 1);
  // 0 − √d rather than −√d: an exact match scores 0, not −0.
  return 0 - Math.sqrt(Math.max(norms.querySquared - 2 * dot + norms.rowSquared, 0));
}

/** Exact scores of the given rows for `query` ([dim]), best first (ties by lower row index). */
export function scoreRows(table: VectorTable, query: Float32Array, rows: number[]): SearchHit[] {
  const { vectors, dim, metric } = table;
  const querySquared = dotProduct(query, 0, query, 0, dim);
  const hits = rows.map((row) => ({
    index: row,
    score: metricScore(metric, dotProduct(query, 0, vectors, row * dim, dim), {
      querySquared,
      rowSquared: dotProduct(vectors, row * dim, vectors, row * dim, dim),
    }),
  }));
  return hits.sort((a, b) => b.score - a.score || a.index - b.index);
}
