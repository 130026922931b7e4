import type { GeometryKind, GeometryTables, RowGeometry } from './row-geometry';
import { RowScorer } from './row-scorer';

/**
 * What the geometries share: the rows are scored by the SIMD kernel (`RowScorer`, one kernel for all
 * four), each geometry turns the kernel's f32 sums into its scores, and every row gradient is a linear mix
 * of the two rows (`addMix`).
 */
export abstract class BatchedGeometry implements RowGeometry {
  abstract readonly kind: GeometryKind;
  abstract readonly isDistance: boolean;
  /** The kernel's sums the scores come from: squared distances, or dots with the rows' squared norms. */
  protected abstract readonly sums: 'squared-distances' | 'dots';
  protected readonly anchors: Float32Array;
  protected readonly others: Float32Array;
  protected readonly dim: number;
  protected readonly scorer: RowScorer;
  protected anchorOffset = 0;
  /** Offsets of the rows last scored (the caller's array). */
  protected offsets: Int32Array;
  /** Scores of the rows last scored. */
  protected scores: Float64Array;
  private readonly single = new Int32Array(1);

  constructor(tables: GeometryTables) {
    this.anchors = tables.anchors;
    this.others = tables.others;
    this.dim = tables.dim;
    this.scorer = new RowScorer(tables);
    this.offsets = this.single;
    this.scores = new Float64Array(64);
  }

  setAnchor(anchorOffset: number): void {
    this.anchorOffset = anchorOffset;
  }

  scoreRows(offsets: Int32Array, count: number): Float64Array {
    if (count > this.scores.length) this.grow(count);
    this.offsets = offsets;
    this.scoreAll(count);
    return this.scores;
  }

  score(otherOffset: number): number {
    this.single[0] = otherOffset;
    this.offsets = this.single;
    this.scoreAll(1);
    return this.scores[0];
  }

  abstract addGradients(
    anchorGrad: Float64Array,
    otherGrad: Float64Array,
    coef: number,
    index: number,
  ): void;

  /** Turns the kernel's sums for rows [0 .. count) into scores; by default the sums are the scores. */
  protected finishScores(count: number): void {
    const raw = this.scorer.raw;
    const scores = this.scores;
    for (let r = 0; r < count; r++) scores[r] = raw[r];
  }

  /** Sets scores[0 .. count) for the rows at offsets[0 .. count). */
  private scoreAll(count: number): void {
    if (this.sums === 'dots') {
      this.scorer.dotsAndSquaredNorms(this.anchorOffset, this.offsets, count);
    } else {
      this.scorer.squaredDistances(this.anchorOffset, this.offsets, count);
    }
    this.finishScores(count);
  }

  /** Called when the per-row buffers grow to `capacity`. */
  protected grow(capacity: number): void {
    this.scores = new Float64Array(capacity * 2);
  }

  /**
   * The one gradient loop of the geometries: anchorGrad += xToAnchor x + aToAnchor a and otherGrad =
   * aToOther a + xToOther x for the index-th row scored (a, x its anchor and other rows; positional: hot
   * path). A distance's s (a - x) is (s, -s, s, -s) here.
   */
  protected addMix(
    anchorGrad: Float64Array,
    otherGrad: Float64Array,
    index: number,
    xToAnchor: number,
    aToAnchor: number,
    aToOther: number,
    xToOther: number,
  ): void {
    const a = this.anchors;
    const x = this.others;
    const ao = this.anchorOffset;
    const xo = this.offsets[index];
    const dim = this.dim;
    for (let k = 0; k < dim; k++) {
      const av = a[ao + k];
      const xv = x[xo + k];
      anchorGrad[k] += xToAnchor * xv + aToAnchor * av;
      otherGrad[k] = aToOther * av + xToOther * xv;
    }
  }
}
