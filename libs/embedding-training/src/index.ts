// The training engine: triplet-loss embeddings with sparse optimisers, Hogwild workers and tfjs parity.
export type { TrainingData } from './training-data';
export type {
  TrainOptions,
  LossName,
  OptimizerName,
  NegativeSource,
  InBatchMode,
  NegativeReduction,
  ExampleOrder,
  HardCandidateSource,
  UserAggregationMode,
} from './train-options';
export { DEFAULT_SEED, defaultTrainOptions } from './train-options';
export { catalogueDefaults, catalogueShapeOf } from './catalogue-defaults';
export type { CatalogueShape } from './catalogue-defaults';
export { resolveTrainOptions } from './resolve-train-options';
export type {
  EpochReport,
  TrainedEmbeddings,
  TrainingPath,
  KernelPath,
  TrainHooks,
  EpochDecision,
} from './trained-embeddings';
export { trainEmbeddings } from './train-embeddings';
export { tripletLossBatch } from './losses/triplet-loss-batch';
export type { TripletBatch, TripletBatchResult } from './losses/triplet-loss-batch';
export { SeededRandom, deriveSeed } from './random/seeded-random';
export { plantedClusters } from './testing/planted-clusters';
export type { PlantedClusters } from './testing/planted-clusters';
export { hitRateAtK } from './testing/hit-rate-at-k';
