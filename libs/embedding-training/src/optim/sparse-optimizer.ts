import type { OptimizerName } from '../train-options';

/** Updates single rows of one table; rows not in the current example are never touched. */
export interface SparseOptimizer {
  /** Applies dL/drow (`grad`, [dim]) to row `row`, then the L2 penalty and the norm constraint. */
  applyRow(row: number, grad: Float64Array): void;
}

/** One table with its optimiser state, all views that may sit on SharedArrayBuffers. */
export interface OptimizerTable {
  /** [rows, dim] */
  values: Float32Array;
  /** The optimiser's own arrays, shaped as `optimizerStateLengths` says. */
  state: Float32Array[];
  dim: number;
}

/** Hyper-parameters every optimiser reads. */
export interface OptimizerParameters {
  learningRate: number;
  /** Rows are projected into the ball of this radius after an update (0 = off). */
  maxNorm: number;
  l2: number;
  epsilon: number;
  adamBeta1: number;
  adamBeta2: number;
}

/** Lengths of the state arrays an optimiser needs for a [rows, dim] table. */
export function optimizerStateLengths(name: OptimizerName, rows: number, dim: number): number[] {
  switch (name) {
    case 'sgd':
      return [];
    case 'adagrad':
      return [rows * dim];
    case 'row-adagrad':
      return [rows];
    case 'lazy-adam':
      return [rows * dim, rows * dim, rows];
  }
}

/**
 * Shared plumbing: the optimiser's own step (which adds the L2 penalty to the gradient and returns the new
 * squared norm it saw while writing the row, saving a pass), then projection into the max-norm ball.
 * Loops keep independent accumulators so their sums are not one chain of dependent additions.
 */
export abstract class RowOptimizer implements SparseOptimizer {
  protected readonly values: Float32Array;
  protected readonly dim: number;
  protected readonly learningRate: number;
  protected readonly epsilon: number;
  protected readonly l2: number;
  private readonly maxNorm: number;

  constructor(table: OptimizerTable, parameters: OptimizerParameters) {
    this.values = table.values;
    this.dim = table.dim;
    this.learningRate = parameters.learningRate;
    this.epsilon = parameters.epsilon;
    this.maxNorm = parameters.maxNorm;
    this.l2 = parameters.l2;
  }

  applyRow(row: number, grad: Float64Array): void {
    const squaredNorm = this.step(row, grad);
    if (this.maxNorm > 0 && squaredNorm > this.maxNorm * this.maxNorm) {
      this.shrink(row * this.dim, this.maxNorm / Math.sqrt(squaredNorm));
    }
  }

  /** Updates row `row` with `grad` plus the L2 penalty; returns the row's new squared norm. */
  protected abstract step(row: number, grad: Float64Array): number;

  private shrink(offset: number, scale: number): void {
    const values = this.values;
    const dim = this.dim;
    for (let k = 0; k < dim; k++) values[offset + k] *= scale;
  }
}
