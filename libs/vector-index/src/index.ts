export { ExactVectorIndex } from './exact-vector-index';
export type { SearchHit, VectorMetric } from './exact-vector-index';
export { TopKHeap } from './top-k-heap';
