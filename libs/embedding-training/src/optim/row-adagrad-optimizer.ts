import { RowOptimizer, type OptimizerParameters, type OptimizerTable } from './sparse-optimizer';

/**
 * Row-wise Adagrad (as in PyTorch-BigGraph and FBGEMM's embedding tables): one accumulator per row holding
 * the sum of mean squared gradients, so a step costs one square root per row instead of one per coordinate.
 */
export class RowAdagradOptimizer extends RowOptimizer {
  /** Sum over steps of mean(grad^2). [rows] */
  private readonly accumulator: Float32Array;

  constructor(table: OptimizerTable, parameters: OptimizerParameters) {
    super(table, parameters);
    this.accumulator = table.state[0];
  }

  protected step(row: number, grad: Float64Array): number {
    const values = this.values;
    const dim = this.dim;
    const offset = row * dim;
    const sum = this.accumulator[row] + this.penalisedSquaredNorm(offset, grad) / dim;
    this.accumulator[row] = sum;
    const rate = this.learningRate / (Math.sqrt(sum) + this.epsilon);
    let n0 = 0;
    let n1 = 0;
    let k = 0;
    for (; k + 2 <= dim; k += 2) {
      const v0 = values[offset + k] - rate * grad[k];
      const v1 = values[offset + k + 1] - rate * grad[k + 1];
      values[offset + k] = v0;
      values[offset + k + 1] = v1;
      n0 += v0 * v0;
      n1 += v1 * v1;
    }
    for (; k < dim; k++) {
      const v = values[offset + k] - rate * grad[k];
      values[offset + k] = v;
      n0 += v * v;
    }
    return n0 + n1;
  }

  /** Adds the L2 penalty to `grad` in place and returns its squared norm. */
  private penalisedSquaredNorm(offset: number, grad: Float64Array): number {
    const values = this.values;
    const dim = this.dim;
    const l2 = this.l2;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let k = 0;
    for (; k + 4 <= dim; k += 4) {
      const g0 = grad[k] + l2 * values[offset + k];
      const g1 = grad[k + 1] + l2 * values[offset + k + 1];
      const g2 = grad[k + 2] + l2 * values[offset + k + 2];
      const g3 = grad[k + 3] + l2 * values[offset + k + 3];
      grad[k] = g0;
      grad[k + 1] = g1;
      grad[k + 2] = g2;
      grad[k + 3] = g3;
      s0 += g0 * g0;
      s1 += g1 * g1;
      s2 += g2 * g2;
      s3 += g3 * g3;
    }
    for (; k < dim; k++) {
      const g = grad[k] + l2 * values[offset + k];
      grad[k] = g;
      s0 += g * g;
    }
    return s0 + s1 + s2 + s3;
  }
}
