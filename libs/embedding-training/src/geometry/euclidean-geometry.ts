import { BatchedGeometry } from './batched-geometry';

/** Smallest distance used as a divisor: the gradient of ||a - x|| is undefined at a = x. */
const MIN_DISTANCE = 1e-12;

/** s = ||a - x|| (Euclidean distance, not squared). ds/da = (a - x) / s, ds/dx = -(a - x) / s. */
export class EuclideanGeometry extends BatchedGeometry {
  readonly kind = 'euclidean' as const;
  readonly isDistance = true;
  protected readonly sums = 'squared-distances';

  protected override finishScores(count: number): void {
    const squared = this.scorer.raw;
    const scores = this.scores;
    for (let r = 0; r < count; r++) scores[r] = Math.sqrt(squared[r]);
  }

  addGradients(
    anchorGrad: Float64Array,
    otherGrad: Float64Array,
    coef: number,
    index: number,
  ): void {
    const distance = this.scores[index];
    const scale = coef / (distance > MIN_DISTANCE ? distance : MIN_DISTANCE);
    this.addMix(anchorGrad, otherGrad, index, -scale, scale, -scale, scale);
  }
}
