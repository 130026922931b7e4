import type { EmbeddingStore, JobQueue, PositiveWeights, TripletStore } from '@recsys/domain';
import type { TrainOptions } from '@recsys/embedding-training';
import type { FinalFit, NegativeStrategy } from '@recsys/model-building';
import type { TrainingScheduleSpec } from '@recsys/service-config';

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
  /** How often a running job renews its lease. */
  heartbeatIntervalMs: number;
  /** Lease of a running job: without a renewal for this long it is failed (its trainer died). */
  staleJobAfterMs: number;
  /** Engine options (unset ones: the engine's defaults); a job's params override them. */
  train: Partial<TrainOptions>;
  /** Weight of each positive event type, applied to the whole history when a job loads its data. */
  positiveWeights: PositiveWeights;
  negatives: NegativeStrategy;
  holdoutRatio: number;
  evaluationK: number;
  minRecall: number;
  /** The candidate needs held-out Recall@K >= the serving model's minus this. */
  gateTolerance: number;
  finalFit: FinalFit;
  warmStartEpochs: number;
  evaluationThreads: number;
  popularLimit: number;
  /** When the trainer queues jobs by itself (see auto-training/). */
  autoTraining: AutoTrainingSettings;
}

/** TRAIN_EVERY, TRAIN_AFTER_NEW_SIGNALS, TRAIN_FIRST_MODEL_AFTER_SIGNALS (0 = off), TRAIN_CHECK_INTERVAL_MS. */
export interface AutoTrainingSettings {
  schedule: TrainingScheduleSpec;
  afterNewSignals: number;
  firstModelAfterSignals: number;
  checkIntervalMs: number;
}

/** The trainer's own HTTP health endpoint (the distributed app; the embedded one has the api's). */
export interface TrainerHealthSettings {
  host: string;
  port: number;
}

// One injection token per port, so each provider can be replaced on its own.
export const JOB_QUEUE = Symbol('JOB_QUEUE');
export const TRIPLET_STORE = Symbol('TRIPLET_STORE');
export const EMBEDDING_STORE = Symbol('EMBEDDING_STORE');
export const TRAINER_CLOCK = Symbol('TRAINER_CLOCK');
export const TRAINER_SETTINGS = Symbol('TRAINER_SETTINGS');
export const TRAINER_HEALTH_SETTINGS = Symbol('TRAINER_HEALTH_SETTINGS');
