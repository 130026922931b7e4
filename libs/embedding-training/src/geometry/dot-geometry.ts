import { BatchedGeometry } from './batched-geometry';

/** s = a . x (matrix factorisation, BPR). ds/da = x, ds/dx = a. */
export class DotGeometry extends BatchedGeometry {
  readonly kind = 'dot' as const;
  readonly isDistance = false;
  protected readonly sums = 'dots';

  addGradients(
    anchorGrad: Float64Array,
    otherGrad: Float64Array,
    coef: number,
    index: number,
  ): void {
    this.addMix(anchorGrad, otherGrad, index, coef, 0, coef, 0);
  }
}
