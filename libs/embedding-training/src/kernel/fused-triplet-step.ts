import { join } from 'node:path';
import { instantiateLibWasm } from '@recsys/wasm-modules';
import { claimScratch } from '../geometry/table-memory';
import type { TrainOptions } from '../train-options';
import type { ExampleTrainer } from './example-trainer';
import type { TrainingExample } from './training-example';
import type { TrainingTables } from './training-tables';

/** The exports of `assembly/triplet-step.wat` (byte addresses). */
interface TripletStepKernel {
  configure(
    users: number,
    items: number,
    userState: number,
    itemState: number,
    dim: number,
    learningRate: number,
    epsilon: number,
    maxNorm: number,
    l2: number,
    margin: number,
    mean: number,
  ): void;
  placeBatch(
    users: number,
    anchors: number,
    positives: number,
    weights: number,
    counts: number,
    negatives: number,
    stride: number,
    userGrad: number,
    distances: number,
  ): void;
  configureSoftmax(temperature: number): void;
  configureRankWeighted(itemCount: number): void;
  setUserGradientScale(scale: number): void;
  lossSum(): number;
  tripletCount(): number;
  resetCounters(): void;
  trainBatch(count: number, lookAhead: number, anchorsGiven: number): void;
  configureUniform(
    likedOffsets: number,
    likedItems: number,
    itemCount: number,
    draws: number,
  ): void;
  setRandomState(a: number, b: number, c: number, d: number): void;
  randomState(index: number): number;
  sampleAndTrainBatch(count: number, group: number): void;
}

/** The options the fused step reads. */
export type FusedStepOptions = Pick<
  TrainOptions,
  | 'dim'
  | 'loss'
  | 'optimizer'
  | 'negativeReduction'
  | 'learningRate'
  | 'epsilon'
  | 'maxNorm'
  | 'l2'
  | 'margin'
  | 'softmaxTemperature'
>;

/** Compiled `.wasm` lives in libs/embedding-training/wasm, beside src/. */
const SRC_DIR = join(__dirname, '..');

/**
 * True when the fused step computes exactly what the generic kernel would: the Euclidean triplet hinge
 * with row-Adagrad (any reduction), a dim in whole f32x4 lanes, and the tables
 * and the optimiser state in the shared table memory.
 */
export function fusedStepApplies(options: FusedStepOptions, tables: TrainingTables): boolean {
  const memory = tables.memory?.memory;
  return (
    options.loss === 'triplet' &&
    options.optimizer === 'row-adagrad' &&
    options.dim % 4 === 0 &&
    memory !== undefined &&
    [tables.users, tables.items, ...tables.userState, ...tables.itemState].every(
      (table) => table.buffer === memory.buffer,
    )
  );
}

/** Arena bytes a fused step with room for `capacity` examples of `stride` negatives claims. */
export function fusedStepScratchBytes(capacity: number, stride: number, dim: number): number {
  return dim * 4 + stride * 32 + capacity * (5 + stride) * 4;
}

/**
 * The default path's training step in one WebAssembly call (`assembly/triplet-step.wat`): scores the
 * positive and the negatives of an example, evaluates the hinge, and applies the row-Adagrad updates and
 * the max-norm projection to the negative, positive and user rows in place in the shared table memory
 * (f32x4). Same maths as TripletKernel with EuclideanGeometry, TripletMarginLoss and RowAdagradOptimizer
 * (the spec checks it against them), without the JavaScript between: no loss or optimiser interfaces,
 * no float64 gradient arrays, one call per example (`train`) or per batch (`trainBatch`).
 *
 * The examples live in arrays in the shared memory (`users`, `positives`, `weights`, `counts`,
 * `negatives` with `stride` slots each): `negativesOf(i)` is a view a TrainingExample can own, so that
 * sampling writes the negatives where the kernel reads them. For a train-time anchor other than the
 * user's row (e.g. a mix with the user's liked items), write its byte address into `anchors` and pass
 * `anchorsGiven`; the user row's gradient (for the anchor) is left in `userGradient` after each example
 * and applied times `setUserGradientScale` (1 by default; 0 leaves the user row alone).
 */
export class FusedTripletStep implements ExampleTrainer {
  readonly users: Int32Array;
  /** Byte addresses of the anchor rows (read only with `anchorsGiven`). */
  readonly anchors: Int32Array;
  readonly positives: Int32Array;
  readonly weights: Float32Array;
  readonly counts: Int32Array;
  readonly negatives: Int32Array;
  /** dL/d(anchor) of the last trained example, before the user gradient scale. [dim] */
  readonly userGradient: Float32Array;
  private readonly kernel: TripletStepKernel;

  /** Negative slots per example. */
  readonly stride: number;

  constructor(setup: {
    tables: TrainingTables;
    options: FusedStepOptions;
    /** Examples per `trainBatch`. */
    capacity: number;
    /** Most negatives an example can carry. */
    stride: number;
  }) {
    const { tables, options, capacity, stride } = setup;
    this.stride = stride;
    const tableMemory = tables.memory;
    if (tableMemory === null || !fusedStepApplies(options, tables)) {
      throw new Error('fused triplet step: these options or tables need the generic kernel');
    }
    const { dim } = options;
    const start = claimScratch(tableMemory, fusedStepScratchBytes(capacity, stride, dim));
    if (start < 0) throw new Error('fused triplet step: the table memory scratch arena is full');
    const buffer = tableMemory.memory.buffer;
    const userGradAt = start;
    const distancesAt = userGradAt + dim * 4;
    const usersAt = distancesAt + stride * 32;
    const array = (index: number) => usersAt + index * capacity * 4;
    this.userGradient = new Float32Array(buffer, userGradAt, dim);
    this.users = new Int32Array(buffer, array(0), capacity);
    this.anchors = new Int32Array(buffer, array(1), capacity);
    this.positives = new Int32Array(buffer, array(2), capacity);
    this.weights = new Float32Array(buffer, array(3), capacity);
    this.counts = new Int32Array(buffer, array(4), capacity);
    this.negatives = new Int32Array(buffer, array(5), capacity * stride);
    // Math.exp and Math.log for the softmax reduction, Math.log1p for rank-weighted: the generic kernel's values.
    this.kernel = instantiateLibWasm<TripletStepKernel>(
      SRC_DIR,
      'triplet-step',
      tableMemory.memory,
      {
        exp: Math.exp,
        log: Math.log,
        log1p: Math.log1p,
      },
    );
    this.kernel.configure(
      tables.users.byteOffset,
      tables.items.byteOffset,
      tables.userState[0].byteOffset,
      tables.itemState[0].byteOffset,
      dim,
      options.learningRate,
      options.epsilon,
      options.maxNorm,
      options.l2,
      options.margin,
      options.negativeReduction === 'mean' ? 1 : 0,
    );
    if (options.negativeReduction === 'softmax') {
      this.kernel.configureSoftmax(options.softmaxTemperature);
    }
    if (options.negativeReduction === 'rank-weighted') {
      // The rank runs over the catalogue: the item table's rows.
      this.kernel.configureRankWeighted(tables.items.length / dim);
    }
    this.kernel.placeBatch(
      this.users.byteOffset,
      this.anchors.byteOffset,
      this.positives.byteOffset,
      this.weights.byteOffset,
      this.counts.byteOffset,
      this.negatives.byteOffset,
      stride,
      userGradAt,
      distancesAt,
    );
  }

  get lossSum(): number {
    return this.kernel.lossSum();
  }

  get tripletCount(): number {
    return this.kernel.tripletCount();
  }

  resetCounters(): void {
    this.kernel.resetCounters();
  }

  /** Scales the user row's gradient (1 = as computed, 0 = the user row is not updated). */
  setUserGradientScale(scale: number): void {
    this.kernel.setUserGradientScale(scale);
  }

  /** The `stride` negative slots of example `index`, a view into the shared memory. */
  negativesOf(index: number): Int32Array {
    return this.negatives.subarray(index * this.stride, (index + 1) * this.stride);
  }

  /**
   * Records `example` as example `index` of the batch; its negatives are copied unless they already are
   * `negativesOf(index)`.
   */
  record(index: number, example: TrainingExample): void {
    const count = example.negativeCount;
    this.users[index] = example.user;
    this.positives[index] = example.positive;
    this.weights[index] = example.weight;
    this.counts[index] = count;
    const at = index * this.stride;
    if (example.negatives.byteOffset !== this.negatives.byteOffset + at * 4) {
      for (let k = 0; k < count; k++) this.negatives[at + k] = example.negatives[k];
    }
  }

  /**
   * Trains examples [0, count) of the batch in order; before each, the rows of the example `lookAhead`
   * further on are touched (0: none). `anchorsGiven`: score against `anchors[i]` instead of the user row.
   */
  trainBatch(count: number, lookAhead: number, anchorsGiven = false): void {
    this.kernel.trainBatch(count, lookAhead, anchorsGiven ? 1 : 0);
  }

  /**
   * Lets `sampleAndTrainBatch` draw uniform negatives: `liked` are the byte addresses of the users'
   * sorted liked lists in the table memory (see `placeLikedLists`), `draws` the negatives per positive.
   */
  configureUniform(setup: {
    liked: { offsets: number; items: number };
    itemCount: number;
    draws: number;
  }): void {
    const { liked, itemCount, draws } = setup;
    this.kernel.configureUniform(liked.offsets, liked.items, itemCount, draws);
  }

  /** Hands the kernel the sfc32 state (a, b, c, d) its draws continue from. */
  setRandomState(state: Int32Array): void {
    this.kernel.setRandomState(state[0], state[1], state[2], state[3]);
  }

  /** Writes the kernel's sfc32 state after its draws into `into`. */
  readRandomState(into: Int32Array): void {
    for (let k = 0; k < 4; k++) into[k] = this.kernel.randomState(k);
  }

  /**
   * `trainBatch` for examples whose count is -1 until the kernel has drawn their uniform negatives (the
   * others carry theirs), a group at a time, in example order: the draws of NegativeSampler.fill.
   */
  sampleAndTrainBatch(count: number, group: number): void {
    this.kernel.sampleAndTrainBatch(count, group);
  }

  /** One example, in place of TripletKernel.train (the caller prefetches). */
  train(example: TrainingExample): void {
    if (example.negativeCount === 0) return;
    this.record(0, example);
    this.kernel.trainBatch(1, 0, 0);
  }
}
