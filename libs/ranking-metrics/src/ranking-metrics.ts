/** Full-ranking metrics averaged over the users that have test items (binary relevance). */
export interface RankingMetrics {
  k: number;
  /** Users averaged over: test items and a trained vector. */
  users: number;
  /** Users with test items but no trained vector (not averaged). */
  skippedUsers: number;
  recall: number;
  ndcg: number;
  precision: number;
  /** Mean average precision at K. */
  map: number;
  /** Distinct items in all top-K lists / catalogue size. */
  coverage: number;
}

/** Flattens metrics into `{ 'recall@20': ..., 'ndcg@20': ..., ... }` for reports and JSON. */
export function metricsRecord(metrics: RankingMetrics): Record<string, number> {
  const { k } = metrics;
  return {
    [`recall@${k}`]: metrics.recall,
    [`ndcg@${k}`]: metrics.ndcg,
    [`precision@${k}`]: metrics.precision,
    [`map@${k}`]: metrics.map,
    [`coverage@${k}`]: metrics.coverage,
    users: metrics.users,
  };
}
