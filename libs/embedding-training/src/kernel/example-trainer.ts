import type { TrainingExample } from './training-example';

/**
 * What trains one example at a time: the generic `TripletKernel` (any loss, geometry, optimiser) or the
 * fused WebAssembly step of the default combination (`FusedTripletStep`).
 */
export interface ExampleTrainer {
  /** Sum of the unweighted triplet losses since the last `resetCounters`. */
  readonly lossSum: number;
  /** Triplets evaluated since the last `resetCounters`. */
  readonly tripletCount: number;
  resetCounters(): void;
  /** One sparse gradient step on `example`. */
  train(example: TrainingExample): void;
}
