/** Score of an item for a user, higher = better: minus the Euclidean distance, dot product, or cosine. */
export type ScoreMetric = 'neg-l2' | 'dot' | 'cosine';

/** The part of a trained model that ranking needs. */
export interface EmbeddingModel {
  dim: number;
  metric: ScoreMetric;
  /** [userCount, dim] row-major. */
  userVectors: Float32Array;
  /** [itemCount, dim] row-major. */
  itemVectors: Float32Array;
}
