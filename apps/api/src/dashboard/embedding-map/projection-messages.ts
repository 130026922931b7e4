import type { PlaneBasis } from './pca-2d';

/** What the api asks the projection worker: the sampled item vectors, [count, dim] row-major. */
export interface ProjectionRequest {
  vectors: Float32Array;
  dim: number;
}

/** The worker's answer: the plane, and each sampled item's coordinates on it ([count] each). */
export type ProjectionReply =
  | { kind: 'done'; basis: PlaneBasis; x: Float64Array; y: Float64Array }
  | { kind: 'failed'; message: string };
