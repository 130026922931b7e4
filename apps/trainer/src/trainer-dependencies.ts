import type { EmbeddingStore, JobQueue, TripletStore } from '@recsys/domain';
import type { TrainOptions } from '@recsys/embedding-training';
import type { NegativeStrategy } from '@recsys/model-building';

/** The ports the trainer uses, built by the composition root (real adapters, or embedded ones). */
export interface TrainerDependencies {
  jobQueue: JobQueue;
  tripletStore: TripletStore;
  embeddingStore: EmbeddingStore;
  clock: () => Date;
}

export interface TrainerSettings {
  workerId: string;
  pollIntervalMs: number;
  heartbeatIntervalMs: number;
  /** A running job without a heartbeat for this long is failed (its trainer died). */
  staleJobAfterMs: number;
  /** Hyper-parameters; a job's params override dim, epochs, learningRate, margin and seed. */
  train: Partial<TrainOptions>;
  negatives: NegativeStrategy;
  holdoutRatio: number;
  evaluationK: number;
  minRecall: number;
  evaluationThreads: number;
  popularLimit: number;
}

export const TRAINER_DEPENDENCIES = Symbol('TRAINER_DEPENDENCIES');
export const TRAINER_SETTINGS = Symbol('TRAINER_SETTINGS');
