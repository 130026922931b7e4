import type { PositiveWeights } from '../positive-weights';
import type { TrainingSet } from '../triplet';

/** Reads what the trainer learns from: positives aggregated from the event log, and the explicit triplets. */
export interface TripletStore {
  /**
   * With `weights`, each liked pair weighs what its strongest positive event type weighs now (pairs that
   * weigh 0 are left out); without, the strongest weight recorded at ingest.
   */
  loadTrainingSet(weights?: PositiveWeights): Promise<TrainingSet>;
  countTriplets(): Promise<number>;
  /** Liked and unliked events in the log (neutral ones not counted); it only grows. */
  countSignals(): Promise<number>;
}
