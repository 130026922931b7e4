import { BatchedGeometry } from './batched-geometry';

/** Smallest norm used as a divisor: the cosine of a zero row is undefined. */
const MIN_NORM = 1e-12;

/**
 * s = a . x / (|a| |x|). ds/da = x / (|a| |x|) - s a / |a|^2, ds/dx = a / (|a| |x|) - s x / |x|^2.
 * The anchor's norm is computed once per `setAnchor`, each other row's norm by the kernel with its dot.
 */
export class CosineGeometry extends BatchedGeometry {
  readonly kind = 'cosine' as const;
  readonly isDistance = false;
  protected readonly sums = 'dots';
  private anchorNorm = 1;
  /** |x| of the rows last scored. */
  private otherNorms = new Float64Array(64);

  override setAnchor(anchorOffset: number): void {
    this.anchorOffset = anchorOffset;
    const a = this.anchors;
    let squared = 0;
    for (let k = anchorOffset; k < anchorOffset + this.dim; k++) squared += a[k] * a[k];
    this.anchorNorm = Math.max(Math.sqrt(squared), MIN_NORM);
  }

  protected override finishScores(count: number): void {
    const { raw: dots, norms: squaredNorms } = this.scorer;
    for (let r = 0; r < count; r++) {
      const norm = Math.max(Math.sqrt(squaredNorms[r]), MIN_NORM);
      this.otherNorms[r] = norm;
      this.scores[r] = dots[r] / (this.anchorNorm * norm);
    }
  }

  addGradients(
    anchorGrad: Float64Array,
    otherGrad: Float64Array,
    coef: number,
    index: number,
  ): void {
    const otherNorm = this.otherNorms[index];
    const cosine = this.scores[index];
    const cross = coef / (this.anchorNorm * otherNorm);
    const anchorSelf = (coef * cosine) / (this.anchorNorm * this.anchorNorm);
    const otherSelf = (coef * cosine) / (otherNorm * otherNorm);
    this.addMix(anchorGrad, otherGrad, index, cross, -anchorSelf, cross, -otherSelf);
  }

  protected override grow(capacity: number): void {
    super.grow(capacity);
    this.otherNorms = new Float64Array(capacity * 2);
  }
}
