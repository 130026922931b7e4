export type { VectorIndex, SearchHit, VectorMetric } from './vector-index';
export type { VectorTable } from './metric-score';
export { ExactVectorIndex, type ExactIndexParts } from './exact-vector-index';
export { IvfVectorIndex, type IvfIndexParts } from './ivf-vector-index';
export {
  buildIvfIndexSteps,
  defaultListCount,
  defaultProbeCount,
  PROBE_ROW_BUDGET,
  type IvfBuildOptions,
} from './build-ivf-index';
export { runStepsNow, runStepsWithPauses, pauseForEventLoop, type BuildSteps } from './build-steps';
export {
  buildVectorIndex,
  chooseIndexKind,
  vectorIndexSteps,
  DEFAULT_EXACT_BELOW,
  DEFAULT_HNSW_BELOW,
  type BuildVectorIndexOptions,
  type IndexKind,
} from './build-vector-index';
export { toIndexParts, transferablesOf, indexFromParts, type IndexParts } from './index-parts';
export {
  ShardedVectorIndex,
  type ShardedIndexParts,
  type IndexShard,
} from './sharded-vector-index';
export { planIndexShards, MIN_SHARD_ROWS, type IndexShardPlan } from './plan-index-shards';
export { clusteredVectors, type ClusteredVectorOptions } from './clustered-vectors';
export { TopKHeap } from './top-k-heap';
export { HnswVectorIndex, type HnswIndexParts } from './hnsw-vector-index';
export { buildHnswIndexSteps, type HnswBuildOptions } from './build-hnsw-index';
