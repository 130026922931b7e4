export type { VectorIndex, SearchHit, VectorMetric } from './vector-index';
export { ExactVectorIndex } from './exact-vector-index';
export { IvfVectorIndex } from './ivf-vector-index';
export {
  buildIvfIndexSteps,
  defaultListCount,
  defaultProbeCount,
  type IvfBuildOptions,
} from './build-ivf-index';
export { runStepsNow, runStepsWithPauses, pauseForEventLoop, type BuildSteps } from './build-steps';
export {
  buildVectorIndex,
  DEFAULT_EXACT_BELOW,
  type BuildVectorIndexOptions,
} from './build-vector-index';
export { clusteredVectors, type ClusteredVectorOptions } from './clustered-vectors';
export { TopKHeap } from './top-k-heap';
export { HnswVectorIndex } from './hnsw-vector-index';
export { buildHnswIndexSteps, type HnswBuildOptions } from './build-hnsw-index';
