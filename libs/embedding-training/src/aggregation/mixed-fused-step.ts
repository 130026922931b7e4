import type { ExampleTrainer } from '../kernel/example-trainer';
import type { FusedTripletStep } from '../kernel/fused-triplet-step';
import type { TrainingExample } from '../kernel/training-example';
import type { SparseOptimizer } from '../optim/sparse-optimizer';
import type { BehaviourAnchor } from './behaviour-anchor';

/**
 * The fused WebAssembly step under train-time aggregation: the step scores the user's mix h_u (written
 * into a scratch row of this thread's) and updates the positive and negative rows in place; it leaves
 * the user row alone (gradient scale 0) and hands dL/dh_u to the mixed user optimiser, which steps u
 * with (1 - g) of it and keeps g of it for the liked rows, exactly as with the generic kernel.
 */
export class MixedFusedStep implements ExampleTrainer {
  private readonly row: number;
  private readonly gradient: Float64Array;

  constructor(
    private readonly step: FusedTripletStep,
    private readonly anchor: BehaviourAnchor,
    /** The mixed user optimiser (see MixedUserOptimizer). */
    private readonly users: SparseOptimizer,
    dim: number,
  ) {
    this.row = anchor.claimScratchRow();
    this.gradient = new Float64Array(dim);
    step.setUserGradientScale(0);
  }

  get lossSum(): number {
    return this.step.lossSum;
  }

  get tripletCount(): number {
    return this.step.tripletCount;
  }

  resetCounters(): void {
    this.step.resetCounters();
  }

  train(example: TrainingExample): void {
    if (example.negativeCount === 0) return;
    this.step.record(0, example);
    this.step.anchors[0] = this.anchor.writeAnchorAddress(example.user, this.row);
    // The step writes the user gradient only when a triplet is active: clear the last example's.
    this.step.userGradient.fill(0);
    this.step.trainBatch(1, 0, true);
    // As the generic kernel: the user steps only when a triplet was active (a nonzero gradient).
    const source = this.step.userGradient;
    const gradient = this.gradient;
    let touched = false;
    for (let k = 0; k < gradient.length; k++) {
      gradient[k] = source[k];
      if (source[k] !== 0) touched = true;
    }
    if (touched) this.users.applyRow(example.user, gradient);
  }
}
