/** What an interaction says about the item: liked, neutral (e.g. a rating of 3) or unliked. */
export type Signal = 1 | 0 | -1;

/**
 * Interactions of a data set with dense indices, as parallel arrays (one entry per input row).
 * `userIds[u]` / `itemIds[i]` give back the external ids, in order of first appearance.
 */
export interface InteractionTable {
  userIds: string[];
  itemIds: string[];
  users: Int32Array;
  items: Int32Array;
  /** +1 liked, 0 neutral, -1 unliked, per row. */
  signals: Int8Array;
  /** Strength of a liked row (per event type); 0 for other rows. */
  weights: Float32Array;
  /** Milliseconds since the epoch; NaN when the format has no time. */
  timestampsMs: Float64Array;
  /** Raw rating per row when the format has one (NaN otherwise). */
  ratings: Float32Array;
}

/** Number of rows of a table. */
export function tableSize(table: InteractionTable): number {
  return table.users.length;
}
