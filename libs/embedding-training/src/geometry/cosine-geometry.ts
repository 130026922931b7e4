import { BatchedGeometry } from './batched-geometry';

/** Smallest norm used as a divisor: the cosine of a zero row is undefined. */
const MIN_NORM = 1e-12;

/**
 * s = a . x / (|a| |x|). ds/da = x / (|a| |x|) - s a / |a|^2, ds/dx = a / (|a| |x|) - s x / |x|^2.
 * The anchor's norm is computed once per `setAnchor`, each other row's norm while it is scored; sums
 * run on independent accumulators.
 */
export class CosineGeometry extends BatchedGeometry {
  readonly kind = 'cosine' as const;
  readonly isDistance = false;
  private anchorNorm = 1;
  /** |x| of the rows last scored. */
  private otherNorms = new Float64Array(64);

  override setAnchor(anchorOffset: number): void {
    this.anchorOffset = anchorOffset;
    const a = this.anchors;
    const dim = this.dim;
    let s0 = 0;
    let s1 = 0;
    let k = 0;
    for (; k + 2 <= dim; k += 2) {
      s0 += a[anchorOffset + k] * a[anchorOffset + k];
      s1 += a[anchorOffset + k + 1] * a[anchorOffset + k + 1];
    }
    for (; k < dim; k++) s0 += a[anchorOffset + k] * a[anchorOffset + k];
    this.anchorNorm = Math.max(Math.sqrt(s0 + s1), MIN_NORM);
  }

  protected scoreOne(index: number): void {
    const a = this.anchors;
    const x = this.others;
    const ao = this.anchorOffset;
    const xo = this.offsets[index];
    const dim = this.dim;
    let d0 = 0;
    let d1 = 0;
    let n0 = 0;
    let n1 = 0;
    let k = 0;
    for (; k + 2 <= dim; k += 2) {
      const x0 = x[xo + k];
      const x1 = x[xo + k + 1];
      d0 += a[ao + k] * x0;
      d1 += a[ao + k + 1] * x1;
      n0 += x0 * x0;
      n1 += x1 * x1;
    }
    for (; k < dim; k++) {
      d0 += a[ao + k] * x[xo + k];
      n0 += x[xo + k] * x[xo + k];
    }
    this.finish(index, d0 + d1, n0 + n1);
  }

  protected scoreFour(index: number): void {
    const a = this.anchors;
    const x = this.others;
    const ao = this.anchorOffset;
    const offsets = this.offsets;
    const o0 = offsets[index];
    const o1 = offsets[index + 1];
    const o2 = offsets[index + 2];
    const o3 = offsets[index + 3];
    const dim = this.dim;
    let d0 = 0;
    let d1 = 0;
    let d2 = 0;
    let d3 = 0;
    let n0 = 0;
    let n1 = 0;
    let n2 = 0;
    let n3 = 0;
    for (let k = 0; k < dim; k++) {
      const av = a[ao + k];
      const x0 = x[o0 + k];
      const x1 = x[o1 + k];
      const x2 = x[o2 + k];
      const x3 = x[o3 + k];
      d0 += av * x0;
      d1 += av * x1;
      d2 += av * x2;
      d3 += av * x3;
      n0 += x0 * x0;
      n1 += x1 * x1;
      n2 += x2 * x2;
      n3 += x3 * x3;
    }
    this.finish(index, d0, n0);
    this.finish(index + 1, d1, n1);
    this.finish(index + 2, d2, n2);
    this.finish(index + 3, d3, n3);
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
    const a = this.anchors;
    const x = this.others;
    const ao = this.anchorOffset;
    const xo = this.offsets[index];
    const dim = this.dim;
    for (let k = 0; k < dim; k++) {
      const av = a[ao + k];
      const xv = x[xo + k];
      anchorGrad[k] += cross * xv - anchorSelf * av;
      otherGrad[k] = cross * av - otherSelf * xv;
    }
  }

  protected override grow(capacity: number): void {
    super.grow(capacity);
    this.otherNorms = new Float64Array(capacity * 2);
  }

  private finish(index: number, dot: number, squaredNorm: number): void {
    const norm = Math.max(Math.sqrt(squaredNorm), MIN_NORM);
    this.otherNorms[index] = norm;
    this.scores[index] = dot / (this.anchorNorm * norm);
  }
}
