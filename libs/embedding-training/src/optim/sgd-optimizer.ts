import { RowOptimizer } from './sparse-optimizer';

/** row -= learningRate * (grad + l2 * row). */
export class SgdOptimizer extends RowOptimizer {
  protected step(row: number, grad: Float64Array): number {
    const values = this.values;
    const dim = this.dim;
    const offset = row * dim;
    const rate = this.learningRate;
    const decay = 1 - rate * this.l2;
    let n0 = 0;
    let n1 = 0;
    let k = 0;
    for (; k + 2 <= dim; k += 2) {
      const v0 = values[offset + k] * decay - rate * grad[k];
      const v1 = values[offset + k + 1] * decay - rate * grad[k + 1];
      values[offset + k] = v0;
      values[offset + k + 1] = v1;
      n0 += v0 * v0;
      n1 += v1 * v1;
    }
    for (; k < dim; k++) {
      const v = values[offset + k] * decay - rate * grad[k];
      values[offset + k] = v;
      n0 += v * v;
    }
    return n0 + n1;
  }
}
