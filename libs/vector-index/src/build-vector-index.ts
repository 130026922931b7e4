import { DomainError } from '@recsys/domain';
import { buildHnswIndexSteps, type HnswBuildOptions } from './build-hnsw-index';
import { buildIvfIndexSteps, type IvfBuildOptions } from './build-ivf-index';
import { pauseForEventLoop, runStepsWithPauses } from './build-steps';
import { ExactVectorIndex } from './exact-vector-index';
import type { VectorIndex, VectorMetric } from './vector-index';

export interface BuildVectorIndexOptions {
  /** Catalogues with fewer rows are searched exactly (brute force is fast and exact there). */
  exactBelow?: number;
  /** The approximate index above `exactBelow`: 'hnsw' (default, high recall) or 'ivf' (fast build). */
  algorithm?: 'hnsw' | 'ivf';
  /** Seeds the build: the same seed and vectors give the same index and the same answers. Default 1. */
  seed?: number;
  hnsw?: Omit<HnswBuildOptions, 'seed'>;
  ivf?: Omit<IvfBuildOptions, 'seed'>;
  /** Awaited between build slices; the default lets queued event-loop work (requests) run. */
  pause?: () => Promise<void>;
}

/** Default `exactBelow`: brute force over 20k x 64 takes about 1 ms, an HNSW build there seconds. */
export const DEFAULT_EXACT_BELOW = 20_000;

/**
 * Builds the index for serving `vectors` ([rows, dim]): exact search below `exactBelow` rows, an
 * approximate index above, built in slices of a few milliseconds that yield to the event loop so a server
 * keeps answering during the build.
 */
export async function buildVectorIndex(
  vectors: Float32Array,
  dim: number,
  metric: VectorMetric,
  options: BuildVectorIndexOptions = {},
): Promise<VectorIndex> {
  if (!Number.isInteger(dim) || dim <= 0 || vectors.length % dim !== 0) {
    throw new DomainError(
      'INVALID_VECTORS',
      'vectors.length must be a multiple of a positive dim',
      {
        length: vectors.length,
        dim,
      },
    );
  }
  if (vectors.length / dim < (options.exactBelow ?? DEFAULT_EXACT_BELOW)) {
    return new ExactVectorIndex(vectors, dim, metric);
  }
  const table = { vectors, dim, metric };
  const seed = options.seed ?? 1;
  const steps =
    options.algorithm === 'ivf'
      ? buildIvfIndexSteps(table, { ...options.ivf, seed })
      : buildHnswIndexSteps(table, { ...options.hnsw, seed });
  return runStepsWithPauses<VectorIndex>(steps, options.pause ?? pauseForEventLoop);
}
