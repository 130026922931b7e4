import type { RowGeometry } from '../geometry/row-geometry';
import type { BehaviourAnchor } from './behaviour-anchor';

/**
 * A geometry whose anchor "user u" is the mix h_u of `BehaviourAnchor`: `setAnchor(u * dim)` writes h_u
 * into this geometry's own scratch row and anchors the inner geometry (built over the user table plus
 * its scratch rows) there. Scores and gradients are the inner geometry's, so the kernel's user gradient
 * is dL/dh and the sampler picks hard negatives against the same anchor the loss sees.
 */
export class MixedAnchorGeometry implements RowGeometry {
  readonly kind: RowGeometry['kind'];
  readonly isDistance: boolean;
  private readonly row: number;

  constructor(
    private readonly inner: RowGeometry,
    private readonly anchor: BehaviourAnchor,
    private readonly dim: number,
  ) {
    this.kind = inner.kind;
    this.isDistance = inner.isDistance;
    this.row = anchor.claimScratchRow();
  }

  setAnchor(anchorOffset: number): void {
    this.inner.setAnchor(this.anchor.writeAnchor(anchorOffset / this.dim, this.row));
  }

  /** Writes `user`'s mix into this geometry's row; returns its byte address (hard picks from the block). */
  anchorAddress(user: number): number {
    return this.anchor.writeAnchorAddress(user, this.row);
  }

  scoreRows(offsets: Int32Array, count: number): Float64Array {
    return this.inner.scoreRows(offsets, count);
  }

  score(otherOffset: number): number {
    return this.inner.score(otherOffset);
  }

  addGradients(
    anchorGrad: Float64Array,
    otherGrad: Float64Array,
    coef: number,
    index: number,
  ): void {
    this.inner.addGradients(anchorGrad, otherGrad, coef, index);
  }
}
