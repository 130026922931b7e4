import { createThreadTrainer } from '../kernel/create-thread-trainer';
import type { EpochShareTrainer } from '../kernel/create-thread-trainer';
import type { EpochTally } from '../kernel/thread-trainer';
import type { TrainingTables } from '../kernel/training-tables';
import type { TrainingData } from '../training-data';
import type { TrainingPath } from '../trained-embeddings';
import type { TrainOptions } from '../train-options';
import type { EpochExecutor } from './epoch-executor';

/** Work items between two yields to the event loop, so a caller serving requests stays responsive. */
const CHUNK = 16384;

/** Trains in the calling thread: deterministic, the same seed gives the same bits. */
export class InProcessExecutor implements EpochExecutor {
  readonly order: Int32Array;
  private readonly trainer: EpochShareTrainer;

  constructor(
    readonly tables: TrainingTables,
    setup: { data: TrainingData; options: TrainOptions; seed: number; workCount: number },
  ) {
    this.order = new Int32Array(setup.workCount);
    this.trainer = createThreadTrainer({ ...setup, tables });
  }

  async runEpoch(epoch: number): Promise<EpochTally> {
    this.trainer.beginEpoch(epoch);
    for (let start = 0; start < this.order.length; start += CHUNK) {
      this.trainer.run(this.order.subarray(start, start + CHUNK));
      await new Promise((resolve) => setImmediate(resolve));
    }
    return this.trainer.tally();
  }

  get path(): TrainingPath {
    return this.trainer.path;
  }

  async close(): Promise<void> {}
}
