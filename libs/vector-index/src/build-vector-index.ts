import { DomainError } from '@recsys/domain';
import { buildHnswIndexSteps, type HnswBuildOptions } from './build-hnsw-index';
import { buildIvfIndexSteps, type IvfBuildOptions } from './build-ivf-index';
import { pauseForEventLoop, runStepsWithPauses, type BuildSteps } from './build-steps';
import { ExactVectorIndex } from './exact-vector-index';
import type { VectorIndex, VectorMetric } from './vector-index';

/** Which index serves a table: exact search, an HNSW graph or inverted lists. */
export type IndexKind = 'exact' | 'hnsw' | 'ivf';

export interface BuildVectorIndexOptions {
  /** Catalogues with fewer rows are searched exactly (brute force is fast and exact there). */
  exactBelow?: number;
  /**
   * The approximate index above `exactBelow`: 'auto' (default) picks HNSW below `hnswBelow` rows and IVF
   * from there; 'hnsw' (best recall, slow to build) or 'ivf' (fast build) force one.
   */
  algorithm?: 'auto' | 'hnsw' | 'ivf';
  /** With 'auto': catalogues with fewer rows get HNSW, bigger ones IVF. Default DEFAULT_HNSW_BELOW. */
  hnswBelow?: number;
  /** Seeds the build: the same seed and vectors give the same index and the same answers. Default 1. */
  seed?: number;
  hnsw?: Omit<HnswBuildOptions, 'seed'>;
  ivf?: Omit<IvfBuildOptions, 'seed'>;
  /** Awaited between build slices; the default lets queued event-loop work (requests) run. */
  pause?: () => Promise<void>;
}

/** Default `exactBelow`: brute force over 20k x 64 takes about 0.3 ms, an HNSW build there a second. */
export const DEFAULT_EXACT_BELOW = 20_000;

/**
 * Default `hnswBelow`: HNSW build time grows faster than the rows (measured here, 64 dims, one thread:
 * 8 CPU-s at 100k, 23 at 200k, where Recall@10 also drops to 0.96 at the default beams), so above about
 * 120k rows (10 CPU-s) a new model would no longer be served within 15 s on a busy 2-core machine. IVF
 * builds 1M rows in under 3 CPU-s and splits over threads (see the README).
 */
export const DEFAULT_HNSW_BELOW = 120_000;

/** The index `buildVectorIndex` makes for a table of `rows` rows. */
export function chooseIndexKind(rows: number, options: BuildVectorIndexOptions = {}): IndexKind {
  if (rows < (options.exactBelow ?? DEFAULT_EXACT_BELOW)) return 'exact';
  const algorithm = options.algorithm ?? 'auto';
  if (algorithm !== 'auto') return algorithm;
  return rows < (options.hnswBelow ?? DEFAULT_HNSW_BELOW) ? 'hnsw' : 'ivf';
}

/**
 * The build of `buildVectorIndex` as steps to run at once (`runStepsNow`, e.g. in a worker thread) or in
 * slices. Checks the table first (throws INVALID_VECTORS).
 */
export function vectorIndexSteps(
  vectors: Float32Array,
  dim: number,
  metric: VectorMetric,
  options: BuildVectorIndexOptions = {},
): BuildSteps<VectorIndex> {
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
  const table = { vectors, dim, metric };
  const seed = options.seed ?? 1;
  const kind = chooseIndexKind(vectors.length / dim, options);
  if (kind === 'hnsw') return buildHnswIndexSteps(table, { ...options.hnsw, seed });
  if (kind === 'ivf') return buildIvfIndexSteps(table, { ...options.ivf, seed });
  return exactSteps(table);
}

// eslint-disable-next-line require-yield -- a build of one step: copying the rows takes milliseconds.
function* exactSteps(table: {
  vectors: Float32Array;
  dim: number;
  metric: VectorMetric;
}): BuildSteps<VectorIndex> {
  return new ExactVectorIndex(table.vectors, table.dim, table.metric);
}

/**
 * Builds the index for serving `vectors` ([rows, dim]) on this thread (see `chooseIndexKind`), in
 * slices of a few milliseconds that yield to the event loop so a server keeps answering during the build.
 */
export async function buildVectorIndex(
  vectors: Float32Array,
  dim: number,
  metric: VectorMetric,
  options: BuildVectorIndexOptions = {},
): Promise<VectorIndex> {
  const steps = vectorIndexSteps(vectors, dim, metric, options);
  return runStepsWithPauses(steps, options.pause ?? pauseForEventLoop);
}
