import type { TrainingTables } from '../kernel/training-tables';
import type { KernelPath } from '../trained-embeddings';
import type { TrainingData } from '../training-data';
import type { TrainOptions } from '../train-options';

/** What a training worker is started with (structured-cloned; the tables and order are shared memory). */
export interface TrainWorkerData {
  /** Absolute path of the worker module (.js from dist, .ts under a TypeScript runner such as jest). */
  entry: string;
  /** libs/ folder, to map `@recsys/<lib>` when the entry is TypeScript. */
  libsRoot: string;
  data: TrainingData;
  options: TrainOptions;
  tables: TrainingTables;
  /** The epoch's shuffled work order, written by the main thread before each epoch. */
  order: Int32Array;
  seed: number;
}

/** Main thread -> worker: run your slice of the order for this epoch. */
export interface EpochRequest {
  epoch: number;
  start: number;
  end: number;
}

/** Worker -> main thread. */
export type WorkerReply =
  | { kind: 'ready'; path: KernelPath }
  | { kind: 'epoch'; lossSum: number; tripletCount: number }
  | { kind: 'failed'; message: string };
