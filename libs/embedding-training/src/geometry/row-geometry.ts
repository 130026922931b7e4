import type { TableMemory } from './table-memory';

/** How an anchor row is compared with another row. */
export type GeometryKind = 'euclidean' | 'squared-euclidean' | 'dot' | 'cosine';

/**
 * Scores an anchor row (a user) against other rows (items) and gives the score's gradient. Rows are
 * addressed by offset into the two tables bound at construction. Hot path: no allocation, positional
 * arguments; gradients are computed only for the (few) rows that need one.
 */
export interface RowGeometry {
  readonly kind: GeometryKind;
  /** True for distances (smaller = closer), false for similarities (larger = closer). */
  readonly isDistance: boolean;
  /**
   * Fixes the anchor row for the scores that follow and caches what depends on it alone (its norm);
   * call again whenever the anchor row may have changed.
   */
  setAnchor(anchorOffset: number): void;
  /**
   * Scores the rows at offsets[0..count) against the anchor; returns the geometry's own buffer with the
   * scores at [0..count). Rows are scored four at a time in one loop, so their cache misses overlap.
   * `offsets` is kept (not copied) until the next call: do not change it before taking gradients.
   */
  scoreRows(offsets: Int32Array, count: number): Float64Array;
  /** s(a, x) for one row (as `scoreRows` with one offset; its index for `addGradients` is 0). */
  score(otherOffset: number): number;
  /**
   * Only where the anchor of user u is not u's own table row (train-time aggregation's mix): writes it
   * and returns its byte address in the table memory, so that other scorers (the candidate block) score
   * against the same anchor. Absent: the anchor is the user row.
   */
  anchorAddress?(user: number): number;
  /**
   * For the index-th row of the last scoring call, in one pass: anchorGrad += coef * ds/da and
   * otherGrad = coef * ds/dx. Both arrays are [dim].
   */
  addGradients(
    anchorGrad: Float64Array,
    otherGrad: Float64Array,
    coef: number,
    index: number,
  ): void;
}

/** The two tables a geometry reads: anchors (users) and others (items), both [rows, dim]. */
export interface GeometryTables {
  anchors: Float32Array;
  others: Float32Array;
  dim: number;
  /**
   * The memory both tables are views of (training): the SIMD kernel scores them in place. Without it
   * (any other Float32Arrays) each scored row is first copied into the kernel's own memory.
   */
  memory?: TableMemory;
}
