import type { EpochTally } from '../kernel/thread-trainer';
import type { TrainingTables } from '../kernel/training-tables';
import { deriveSeed } from '../random/seeded-random';
import type { TrainingData } from '../training-data';
import type { KernelPath, TrainingPath } from '../trained-embeddings';
import type { TrainOptions } from '../train-options';
import type { EpochExecutor } from './epoch-executor';
import { TrainWorkerHandle } from './train-worker-handle';

/**
 * Hogwild training: `threads` workers update the same SharedArrayBuffer tables without locks, each on a
 * contiguous slice of the epoch's shuffled order. Updates are sparse, so collisions are rare and harmless;
 * the price is that runs are not bit-reproducible (use threads: 1 for that).
 */
export class WorkerExecutor implements EpochExecutor {
  private constructor(
    readonly tables: TrainingTables,
    readonly order: Int32Array,
    private readonly workers: TrainWorkerHandle[],
  ) {}

  /** Starts the workers; `tables` must be on SharedArrayBuffers. */
  static async start(
    tables: TrainingTables,
    setup: { data: TrainingData; options: TrainOptions; workCount: number },
  ): Promise<WorkerExecutor> {
    const { data, options } = setup;
    const order = new Int32Array(new SharedArrayBuffer(setup.workCount * 4));
    const started = Array.from({ length: options.threads }, (_, thread) =>
      TrainWorkerHandle.start({
        data,
        options,
        tables,
        order,
        seed: deriveSeed(options.seed, 1, thread),
      }),
    );
    const settled = await Promise.allSettled(started);
    const workers = settled.flatMap((result) =>
      result.status === 'fulfilled' ? [result.value] : [],
    );
    const failed = settled.find((result) => result.status === 'rejected');
    if (failed) {
      await Promise.all(workers.map((worker) => worker.terminate()));
      throw failed.reason;
    }
    return new WorkerExecutor(tables, order, workers);
  }

  async runEpoch(epoch: number): Promise<EpochTally> {
    const share = Math.ceil(this.order.length / this.workers.length);
    const tallies = await Promise.all(
      this.workers.map((worker, index) =>
        worker.runEpoch({
          epoch,
          start: Math.min(this.order.length, index * share),
          end: Math.min(this.order.length, (index + 1) * share),
        }),
      ),
    );
    return {
      lossSum: tallies.reduce((sum, tally) => sum + tally.lossSum, 0),
      tripletCount: tallies.reduce((sum, tally) => sum + tally.tripletCount, 0),
    };
  }

  /** The workers' path when they agree, else `mixed`. */
  get path(): TrainingPath {
    return agreedPath(this.workers.map((worker) => worker.path));
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

/**
 * What trained a model whose threads report `paths`: their kernels when all agree, else `mixed` (the
 * arena's sizing keeps workers of one run on one path today; a disagreement must not be labelled as one).
 */
export function agreedPath(paths: readonly KernelPath[]): TrainingPath {
  const [first, ...rest] = paths;
  if (first === undefined) throw new Error('a run has at least one thread');
  return rest.every((path) => path === first) ? first : 'mixed';
}
