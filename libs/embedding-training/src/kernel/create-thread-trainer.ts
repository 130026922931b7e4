import { UserVisitTrainer } from '../user-visits/user-visit-trainer';
import type { KernelPath } from '../trained-embeddings';
import type { TrainingData } from '../training-data';
import type { TrainOptions } from '../train-options';
import { ThreadTrainer, type EpochTally } from './thread-trainer';
import type { TrainingTables } from './training-tables';

/** One thread's (the caller's, or a worker's) training of its shares of the epochs. */
export interface EpochShareTrainer {
  /** The kernels this trainer runs. */
  readonly path: KernelPath;
  /** Starts epoch `epoch` (0-based): warm-up schedule and zeroed counters. */
  beginEpoch(epoch: number): void;
  /** Trains on the work items of `order` (a slice of the epoch's shuffled order). */
  run(order: Int32Array): void;
  /** Loss and triplets since `beginEpoch`. */
  tally(): EpochTally;
}

/**
 * The thread's trainer: whole user visits in one kernel where the options allow it (the large-catalogue
 * defaults, `userVisitsApply`), else the composed path.
 */
export function createThreadTrainer(setup: {
  data: TrainingData;
  tables: TrainingTables;
  options: TrainOptions;
  seed: number;
}): EpochShareTrainer {
  return UserVisitTrainer.create(setup) ?? new ThreadTrainer(setup);
}
