import { RowOptimizer, type OptimizerParameters, type OptimizerTable } from './sparse-optimizer';

/** Per-coordinate Adagrad: acc += g^2; row -= learningRate * g / (sqrt(acc) + epsilon), g = grad + l2 row. */
export class AdagradOptimizer extends RowOptimizer {
  /** Sum of squared gradients. [rows, dim] */
  private readonly accumulator: Float32Array;

  constructor(table: OptimizerTable, parameters: OptimizerParameters) {
    super(table, parameters);
    this.accumulator = table.state[0];
  }

  protected step(row: number, grad: Float64Array): number {
    const values = this.values;
    const accumulator = this.accumulator;
    const dim = this.dim;
    const offset = row * dim;
    const rate = this.learningRate;
    const epsilon = this.epsilon;
    const l2 = this.l2;
    let n0 = 0;
    let n1 = 0;
    for (let k = 0; k < dim; k++) {
      const i = offset + k;
      const g = grad[k] + l2 * values[i];
      const sum = accumulator[i] + g * g;
      accumulator[i] = sum;
      const v = values[i] - (rate * g) / (Math.sqrt(sum) + epsilon);
      values[i] = v;
      if (k & 1) n1 += v * v;
      else n0 += v * v;
    }
    return n0 + n1;
  }
}
