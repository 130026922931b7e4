import { BatchedGeometry } from './batched-geometry';

/** s = a . x (matrix factorisation, BPR). ds/da = x, ds/dx = a. Sums on four accumulators. */
export class DotGeometry extends BatchedGeometry {
  readonly kind = 'dot' as const;
  readonly isDistance = false;

  protected scoreOne(index: number): void {
    const a = this.anchors;
    const x = this.others;
    const ao = this.anchorOffset;
    const xo = this.offsets[index];
    const dim = this.dim;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let k = 0;
    for (; k + 4 <= dim; k += 4) {
      s0 += a[ao + k] * x[xo + k];
      s1 += a[ao + k + 1] * x[xo + k + 1];
      s2 += a[ao + k + 2] * x[xo + k + 2];
      s3 += a[ao + k + 3] * x[xo + k + 3];
    }
    for (; k < dim; k++) s0 += a[ao + k] * x[xo + k];
    this.scores[index] = s0 + s1 + s2 + s3;
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
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let k = 0; k < dim; k++) {
      const av = a[ao + k];
      s0 += av * x[o0 + k];
      s1 += av * x[o1 + k];
      s2 += av * x[o2 + k];
      s3 += av * x[o3 + k];
    }
    const scores = this.scores;
    scores[index] = s0;
    scores[index + 1] = s1;
    scores[index + 2] = s2;
    scores[index + 3] = s3;
  }

  addGradients(
    anchorGrad: Float64Array,
    otherGrad: Float64Array,
    coef: number,
    index: number,
  ): void {
    const a = this.anchors;
    const x = this.others;
    const ao = this.anchorOffset;
    const xo = this.offsets[index];
    const dim = this.dim;
    for (let k = 0; k < dim; k++) {
      anchorGrad[k] += coef * x[xo + k];
      otherGrad[k] = coef * a[ao + k];
    }
  }
}
