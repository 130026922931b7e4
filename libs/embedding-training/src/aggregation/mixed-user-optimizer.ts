import type { SparseOptimizer } from '../optim/sparse-optimizer';
import type { BehaviourAnchor } from './behaviour-anchor';

/**
 * The user table's optimiser under train-time aggregation: the kernel hands it dL/dh_u; u's own step
 * takes (1 - g) of it and `BehaviourAnchor` keeps the rest for the user's liked rows.
 */
export class MixedUserOptimizer implements SparseOptimizer {
  constructor(
    private readonly inner: SparseOptimizer,
    private readonly anchor: BehaviourAnchor,
  ) {}

  applyRow(row: number, grad: Float64Array): void {
    this.anchor.takeUserGradient(row, grad);
    this.inner.applyRow(row, grad);
  }
}
