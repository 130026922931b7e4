export type VectorMetric = 'neg-l2' | 'dot' | 'cosine';

export interface SearchHit {
  index: number;
  /** Higher is better: minus the Euclidean distance for neg-l2, the dot product or cosine otherwise. */
  score: number;
}

/** Nearest-neighbour search over a fixed table of row vectors; rows are addressed by their index. */
export interface VectorIndex {
  readonly size: number;
  readonly dim: number;
  readonly metric: VectorMetric;
  /**
   * The k rows that score highest for `query` ([dim]), best first, skipping rows for which `exclude` is
   * true. Returns min(k, non-excluded rows) hits.
   */
  search(query: Float32Array, k: number, exclude?: (index: number) => boolean): SearchHit[];
}
