/** Binary-relevance metrics of one user's top-K list. */
export interface UserMetrics {
  hits: number;
  recall: number;
  precision: number;
  ndcg: number;
  /** Average precision at K, normalised by min(K, |relevant|). */
  averagePrecision: number;
}

/**
 * Scores one ranked list against the user's relevant items.
 * `ranked`: item indices best first, -1 = empty slot; `relevant`: sorted ascending, non-empty.
 * NDCG uses gain 1 / log2(rank + 2) for a hit at 0-based `rank`; recall = hits / |relevant|.
 */
export function userMetricsAtK(ranked: Int32Array, relevant: Int32Array, k: number): UserMetrics {
  let hits = 0;
  let dcg = 0;
  let precisionSum = 0;
  const depth = Math.min(k, ranked.length);
  for (let rank = 0; rank < depth; rank++) {
    const item = ranked[rank];
    if (item < 0 || !containsSorted(relevant, item)) continue;
    hits++;
    dcg += 1 / Math.log2(rank + 2);
    precisionSum += hits / (rank + 1);
  }
  const idealHits = Math.min(k, relevant.length);
  let idcg = 0;
  for (let rank = 0; rank < idealHits; rank++) idcg += 1 / Math.log2(rank + 2);
  return {
    hits,
    recall: hits / relevant.length,
    precision: hits / k,
    ndcg: idcg > 0 ? dcg / idcg : 0,
    averagePrecision: idealHits > 0 ? precisionSum / idealHits : 0,
  };
}

function containsSorted(sorted: Int32Array, value: number): boolean {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const here = sorted[mid];
    if (here === value) return true;
    if (here < value) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}
