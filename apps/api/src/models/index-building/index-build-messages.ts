import type { BuildVectorIndexOptions, IndexParts, VectorMetric } from '@recsys/vector-index';

/** What the api asks the index worker to build: the vectors live in shared memory, nothing is copied. */
export interface IndexBuildRequest {
  /** [rows, dim] on a SharedArrayBuffer. */
  vectors: Float32Array;
  dim: number;
  metric: VectorMetric;
  options: Omit<BuildVectorIndexOptions, 'pause'>;
}

/** The worker's messages: once when it is running, then the built index's parts or why it failed. */
export type IndexWorkerMessage =
  | { kind: 'ready' }
  | { kind: 'built'; parts: IndexParts; buildMs: number }
  | { kind: 'failed'; message: string; code?: string; details?: unknown };
