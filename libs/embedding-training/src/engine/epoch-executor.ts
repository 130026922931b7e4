import type { EpochTally } from '../kernel/thread-trainer';
import type { TrainingTables } from '../kernel/training-tables';
import type { TrainingPath } from '../trained-embeddings';

/** Runs whole epochs over a shuffled work order, in the calling thread or in workers. */
export interface EpochExecutor {
  readonly tables: TrainingTables;
  /** The work order of the next epoch; the loop shuffles it in place before each epoch. */
  readonly order: Int32Array;
  /** The kernels that train (the same for every epoch). */
  readonly path: TrainingPath;
  runEpoch(epoch: number): Promise<EpochTally>;
  close(): Promise<void>;
}
