/** What the engine learns from: dense 0-based user and item indices, never string ids. */
export interface TrainingData {
  userCount: number;
  itemCount: number;
  /** (user, liked item) pairs with weights (per event type, already applied). */
  positives: { users: Int32Array; items: Int32Array; weights: Float32Array };
  /** Explicit (user, liked item, unliked item) triplets: dislikes, low ratings, skipped impressions. */
  explicitTriplets: { users: Int32Array; positives: Int32Array; negatives: Int32Array };
}
