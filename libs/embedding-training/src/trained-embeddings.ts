import type { SimilarityMetric } from '@recsys/domain';

/** What one epoch did. `seconds` is measured with the clock passed in `TrainHooks.nowMs` (0 without one). */
export interface EpochReport {
  /** 1-based epoch number. */
  epoch: number;
  /** Mean unweighted loss over the triplets of the epoch. */
  meanLoss: number;
  /** Triplets whose loss and gradient were computed in the epoch. */
  triplets: number;
  seconds: number;
}

/** The learned vectors; the score of item i for user u is "higher = better" under `metric`. */
export interface TrainedEmbeddings {
  dim: number;
  metric: SimilarityMetric;
  /** [userCount, dim] row-major. */
  userVectors: Float32Array;
  /** [itemCount, dim] row-major. */
  itemVectors: Float32Array;
  epochs: EpochReport[];
  /** Which kernels trained (see `TrainingPath`). */
  path: TrainingPath;
}

/**
 * Which kernels trained the tables: `user-visits` (whole user visits in one WebAssembly call, the
 * large-catalogue defaults), `composed` (sampler, mirror and triplet step as separate kernels: any other
 * options, or tables too large for the visit kernel's memory), `mixed` (threads differed, which the
 * arena's sizing is meant to rule out) or `tfjs`. The same options train the same model on either kernel
 * path, at different speeds, so a slow run can be told from its path.
 */
export type TrainingPath = KernelPath | 'mixed' | 'tfjs';

/** The kernels one thread's trainer runs (`TrainingPath` of a single thread). */
export type KernelPath = 'user-visits' | 'composed';

/** What the caller may do between epochs (early stopping on a validation split lives there). */
export type EpochDecision = 'continue' | 'stop';

/** Callbacks and injected effects; the engine itself reads no clock. */
export interface TrainHooks {
  /**
   * Called after every epoch. `model` views the live tables: valid during the call, copy to keep.
   * Return 'stop' to end training (the returned model is the one seen by this call).
   */
  onEpochEnd?: (
    report: EpochReport,
    model: TrainedEmbeddings,
  ) => EpochDecision | Promise<EpochDecision>;
  /** A monotonic clock in milliseconds (e.g. `() => performance.now()`), used only for `seconds`. */
  nowMs?: () => number;
  /**
   * Warm start: the tables begin as copies of these ([userCount, dim] and [itemCount, dim], e.g. the trained
   * tables of an earlier run on the same indices) instead of random draws. Kernel engine only.
   */
  initialTables?: { users: Float32Array; items: Float32Array };
}
