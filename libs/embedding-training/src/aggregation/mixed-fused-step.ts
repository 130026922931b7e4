import type { ExampleTrainer } from '../kernel/example-trainer';
import type { FusedTripletStep } from '../kernel/fused-triplet-step';
import type { TrainingExample } from '../kernel/training-example';
import type { BehaviourAnchor } from './behaviour-anchor';

/**
 * The fused WebAssembly step under train-time aggregation: the step scores the user's mix h_u (written
 * into a scratch row of this thread's), updates the positive and negative rows in place, and steps the
 * user row with (1 - g) of dL/dh_u (row-Adagrad, as the mixed user optimiser does in JavaScript); g of
 * it goes to `BehaviourAnchor` for the liked rows. Same updates as the generic kernel to f32 tolerance.
 */
export class MixedFusedStep implements ExampleTrainer {
  private readonly row: number;
  private scale = NaN;

  constructor(
    private readonly step: FusedTripletStep,
    private readonly anchor: BehaviourAnchor,
  ) {
    this.row = anchor.claimScratchRow();
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
    const user = example.user;
    this.step.record(0, example);
    this.step.anchors[0] = this.anchor.writeAnchorAddress(user, this.row);
    // A user without liked items is scored as their own row and takes all of the gradient.
    this.setScale(this.anchor.keepOf(user));
    // The step writes the user gradient only when a triplet is active: clear the last example's.
    this.step.userGradient.fill(0);
    this.step.trainBatch(1, 0, true);
    this.anchor.takeAnchorGradient(user, this.step.userGradient);
  }

  private setScale(scale: number): void {
    if (scale === this.scale) return;
    this.scale = scale;
    this.step.setUserGradientScale(scale);
  }
}
