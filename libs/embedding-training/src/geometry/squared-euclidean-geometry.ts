import { BatchedGeometry } from './batched-geometry';

/** s = ||a - x||^2 (as in CML). ds/da = 2 (a - x), ds/dx = -2 (a - x). */
export class SquaredEuclideanGeometry extends BatchedGeometry {
  readonly kind = 'squared-euclidean' as const;
  readonly isDistance = true;
  protected readonly sums = 'squared-distances';

  addGradients(
    anchorGrad: Float64Array,
    otherGrad: Float64Array,
    coef: number,
    index: number,
  ): void {
    const scale = 2 * coef;
    this.addMix(anchorGrad, otherGrad, index, -scale, scale, -scale, scale);
  }
}
