import { RowOptimizer, type OptimizerParameters, type OptimizerTable } from './sparse-optimizer';

/**
 * Lazy Adam: the moments of a row move only when the row is in the example, and the bias correction uses
 * the row's own step count (a row seen 3 times is corrected as step 3, however long training has run).
 */
export class LazyAdamOptimizer extends RowOptimizer {
  /** First moment. [rows, dim] */
  private readonly mean: Float32Array;
  /** Second moment. [rows, dim] */
  private readonly variance: Float32Array;
  /** Updates each row has had. [rows] */
  private readonly steps: Float32Array;
  private readonly beta1: number;
  private readonly beta2: number;

  constructor(table: OptimizerTable, parameters: OptimizerParameters) {
    super(table, parameters);
    [this.mean, this.variance, this.steps] = table.state;
    this.beta1 = parameters.adamBeta1;
    this.beta2 = parameters.adamBeta2;
  }

  protected step(row: number, grad: Float64Array): number {
    const step = this.steps[row] + 1;
    this.steps[row] = step;
    const { beta1, beta2, epsilon, l2 } = this;
    const rate =
      (this.learningRate * Math.sqrt(1 - Math.pow(beta2, step))) / (1 - Math.pow(beta1, step));
    const values = this.values;
    const mean = this.mean;
    const variance = this.variance;
    const offset = row * this.dim;
    let n0 = 0;
    let n1 = 0;
    for (let k = 0; k < this.dim; k++) {
      const i = offset + k;
      const g = grad[k] + l2 * values[i];
      const m = beta1 * mean[i] + (1 - beta1) * g;
      const v = beta2 * variance[i] + (1 - beta2) * g * g;
      mean[i] = m;
      variance[i] = v;
      const value = values[i] - (rate * m) / (Math.sqrt(v) + epsilon);
      values[i] = value;
      if (k & 1) n1 += value * value;
      else n0 += value * value;
    }
    return n0 + n1;
  }
}
