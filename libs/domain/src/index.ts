export { DomainError } from './domain-error';
export type { Triplet, PositiveInteraction, TrainingSet } from './triplet';
export type {
  EventSink,
  EventSource,
  EventSourceStatus,
  RawMessage,
  DeadLetter,
  DeadLetterSink,
} from './ports/event-stream';
export { HISTORY_LIMIT } from './ports/event-log';
export type {
  EventLog,
  UserHistory,
  TripletDeriver,
  AppendResult,
  ClassifiedEvent,
} from './ports/event-log';
export type { StreamStats, PartitionLag } from './ports/stream-stats';
export type { TripletStore } from './ports/triplet-store';
export type { RealtimeBacklog } from './ports/realtime-backlog';
export type {
  EmbeddingStore,
  ModelSnapshot,
  ModelMetadata,
  SimilarityMetric,
  PublishOptions,
} from './ports/embedding-store';
export { JOB_STATUSES } from './ports/job-queue';
export type {
  JobQueue,
  TrainingJob,
  JobStatus,
  JobResult,
  JobProgress,
  JobListQuery,
  JobPage,
  JobTrigger,
  AutomaticTrigger,
} from './ports/job-queue';
export { encodeJobCursor, decodeJobCursor } from './job-list-cursor';
export { trainingJobParamsSchema } from './training-job-params';
export type { TrainingJobParams } from './training-job-params';
export * from './engine-options';
export { recentInteractionOf } from './ports/realtime-store';
export type {
  RealtimeStore,
  RecentInteraction,
  PopularItem,
  UserChangeWatcher,
  UserWatchState,
} from './ports/realtime-store';
export type { CatalogueStore, CatalogueItem, CatalogueItemInput } from './ports/catalogue-store';
export { checkModelSnapshot } from './check-model-snapshot';
export {
  POPULARITY_EPOCH_MS,
  logPopularityIncrement,
  addLogScores,
  decayedPopularity,
} from './log-popularity';
export { eventTimeMs } from './event-time-ms';
export { weightOfPositive } from './positive-weights';
export type { PositiveWeights } from './positive-weights';
