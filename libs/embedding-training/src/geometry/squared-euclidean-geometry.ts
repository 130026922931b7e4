import { BatchedGeometry } from './batched-geometry';

/** s = ||a - x||^2 (as in CML). ds/da = 2 (a - x), ds/dx = -2 (a - x). Sums on four accumulators. */
export class SquaredEuclideanGeometry extends BatchedGeometry {
  readonly kind = 'squared-euclidean' as const;
  readonly isDistance = true;

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
      const d0 = a[ao + k] - x[xo + k];
      const d1 = a[ao + k + 1] - x[xo + k + 1];
      const d2 = a[ao + k + 2] - x[xo + k + 2];
      const d3 = a[ao + k + 3] - x[xo + k + 3];
      s0 += d0 * d0;
      s1 += d1 * d1;
      s2 += d2 * d2;
      s3 += d3 * d3;
    }
    for (; k < dim; k++) {
      const d = a[ao + k] - x[xo + k];
      s0 += d * d;
    }
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
      const d0 = av - x[o0 + k];
      const d1 = av - x[o1 + k];
      const d2 = av - x[o2 + k];
      const d3 = av - x[o3 + k];
      s0 += d0 * d0;
      s1 += d1 * d1;
      s2 += d2 * d2;
      s3 += d3 * d3;
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
    const scale = 2 * coef;
    const a = this.anchors;
    const x = this.others;
    const ao = this.anchorOffset;
    const xo = this.offsets[index];
    const dim = this.dim;
    for (let k = 0; k < dim; k++) {
      const g = scale * (a[ao + k] - x[xo + k]);
      anchorGrad[k] += g;
      otherGrad[k] = -g;
    }
  }
}
