import type { TrainingSet } from '../triplet';

/** Reads what the trainer learns from: positives aggregated from the event log, and the explicit triplets. */
export interface TripletStore {
  loadTrainingSet(): Promise<TrainingSet>;
  countTriplets(): Promise<number>;
  /** Liked and unliked events in the log (neutral ones not counted); it only grows. */
  countSignals(): Promise<number>;
}
