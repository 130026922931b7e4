import type { SparseOptimizer } from '../optim/sparse-optimizer';

/**
 * Sums per-triplet row gradients by row and hands each touched row's total to a sparse optimiser once:
 * what tfjs's dense gather gradient would do, without touching the rows that are not in the batch.
 */
export class SparseGradientApplier {
  private readonly slots = new Map<number, number>();
  private sums: Float64Array;
  private readonly row: Float64Array;

  constructor(
    private readonly optimizer: SparseOptimizer,
    private readonly dim: number,
  ) {
    this.sums = new Float64Array(dim * 64);
    this.row = new Float64Array(dim);
  }

  /** Adds grads[offset .. offset + dim) to row `row`'s total. */
  add(row: number, grads: { values: Float32Array; offset: number }): void {
    let slot = this.slots.get(row);
    if (slot === undefined) {
      slot = this.slots.size;
      this.slots.set(row, slot);
      if ((slot + 1) * this.dim > this.sums.length) this.grow();
    }
    const base = slot * this.dim;
    for (let k = 0; k < this.dim; k++) this.sums[base + k] += grads.values[grads.offset + k];
  }

  /** Applies every row's total and starts over. */
  flush(): void {
    for (const [row, slot] of this.slots) {
      this.row.set(this.sums.subarray(slot * this.dim, (slot + 1) * this.dim));
      this.optimizer.applyRow(row, this.row);
    }
    this.sums.fill(0, 0, this.slots.size * this.dim);
    this.slots.clear();
  }

  private grow(): void {
    const larger = new Float64Array(this.sums.length * 2);
    larger.set(this.sums);
    this.sums = larger;
  }
}
