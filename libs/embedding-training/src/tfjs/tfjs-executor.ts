import type { Tensor, Tensor2D } from '@tensorflow/tfjs';
import { likedItemSet } from '../data/liked-item-set';
import type { EpochExecutor } from '../engine/epoch-executor';
import { createRowGeometry } from '../geometry/create-row-geometry';
import type { EpochTally } from '../kernel/thread-trainer';
import { createExampleBuilder } from '../kernel/create-example-builder';
import { GatheredBatch } from '../kernel/gathered-batch';
import { maxNegatives } from '../kernel/thread-trainer';
import { TrainingExample } from '../kernel/training-example';
import type { TrainingTables } from '../kernel/training-tables';
import { createTripletLoss } from '../losses/create-triplet-loss';
import { createNegativeSampler } from '../negatives/create-negative-sampler';
import type { NegativeSampler } from '../negatives/negative-sampler';
import { createSparseOptimizer } from '../optim/create-sparse-optimizer';
import type { TrainingData } from '../training-data';
import type { TrainOptions } from '../train-options';
import type { TensorFlow } from './load-tensorflow';
import { ActiveTripletCounter } from './active-triplet-counter';
import { SparseGradientApplier } from './sparse-gradient-applier';
import { TfjsBatchBuilder, type TripletIndexBatch } from './tfjs-batch-builder';
import { tfjsTripletLoss } from './tfjs-triplet-loss';

/**
 * Trains the kernel's model with TensorFlow.js computing the loss and its gradients: per batch, tfjs
 * autodiff differentiates the weighted loss with respect to the gathered rows, and the kernel's sparse
 * optimisers apply the summed row gradients. (tfjs's own gather gradient is dense over the whole table,
 * which made a variable-based version unusable beyond toy tables on the pure-JS backend.)
 */
export class TfjsExecutor implements EpochExecutor {
  readonly order: Int32Array;
  readonly path = 'tfjs';
  private readonly sampler: NegativeSampler;
  private readonly builder: TfjsBatchBuilder;
  private readonly users: SparseGradientApplier;
  private readonly items: SparseGradientApplier;

  constructor(
    private readonly tf: TensorFlow,
    readonly tables: TrainingTables,
    private readonly setup: { data: TrainingData; options: TrainOptions; seed: number },
  ) {
    const { data, options } = setup;
    const { dim } = options;
    this.order = new Int32Array(data.positives.users.length + data.explicitTriplets.users.length);
    const positives = likedItemSet(data);
    const loss = createTripletLoss(options.loss, options);
    const geometry = () =>
      createRowGeometry(loss.geometry, {
        anchors: tables.users,
        others: tables.items,
        dim,
      });
    this.sampler = createNegativeSampler({ ...setup, positives, geometry: geometry() });
    const builder = createExampleBuilder({
      ...setup,
      sampler: this.sampler,
      positives,
      geometry: geometry(),
    });
    this.builder = new TfjsBatchBuilder({
      gathered: new GatheredBatch({
        data,
        explicitTripletWeight: options.explicitTripletWeight,
        batchSize: options.batchSize,
      }),
      builder,
      example: new TrainingExample(maxNegatives(options)),
      reduction: options.negativeReduction,
      activeCounter: new ActiveTripletCounter({
        loss,
        geometry: geometry(),
        dim,
        maxNegatives: maxNegatives(options),
      }),
      itemCount: data.itemCount,
    });
    const table = (values: Float32Array, state: Float32Array[]) =>
      new SparseGradientApplier(createSparseOptimizer({ values, state, dim }, options), dim);
    this.users = table(tables.users, tables.userState);
    this.items = table(tables.items, tables.itemState);
  }

  runEpoch(epoch: number): Promise<EpochTally> {
    this.sampler.setEpoch(epoch);
    const tally: EpochTally = { lossSum: 0, tripletCount: 0 };
    const batchSize = this.setup.options.batchSize;
    for (let start = 0; start < this.order.length; start += batchSize) {
      const batch = this.builder.build(this.order.subarray(start, start + batchSize));
      if (batch.size === 0) continue;
      tally.lossSum += this.step(batch);
      tally.tripletCount += batch.size;
    }
    return Promise.resolve(tally);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  /** One step on the batch; returns the sum of the unweighted triplet losses. */
  private step(batch: TripletIndexBatch): number {
    const [lossSum, gradAnchor, gradPositive, gradNegative] = this.differentiate(batch);
    const dim = this.setup.options.dim;
    for (let t = 0; t < batch.size; t++) {
      const offset = t * dim;
      this.users.add(batch.users[t], { values: gradAnchor, offset });
      this.items.add(batch.positives[t], { values: gradPositive, offset });
      this.items.add(batch.negatives[t], { values: gradNegative, offset });
    }
    this.users.flush();
    this.items.flush();
    return lossSum[0];
  }

  /** tfjs: [sum of losses], then d(weighted loss)/d(anchor, positive, negative rows), [size, dim] each. */
  private differentiate(batch: TripletIndexBatch): Float32Array[] {
    const tf = this.tf;
    const { options } = this.setup;
    const { dim } = options;
    const rows = (table: Float32Array, indices: Int32Array) => {
      const values = new Float32Array(batch.size * dim);
      for (let t = 0; t < batch.size; t++) {
        values.set(table.subarray(indices[t] * dim, (indices[t] + 1) * dim), t * dim);
      }
      return tf.tensor2d(values, [batch.size, dim]);
    };
    return tf.tidy(() => {
      const inputs = [
        rows(this.tables.users, batch.users),
        rows(this.tables.items, batch.positives),
        rows(this.tables.items, batch.negatives),
      ];
      const weights = tf.tensor1d(batch.weights.subarray(0, batch.size));
      const losses = (a: Tensor, p: Tensor, n: Tensor) =>
        tfjsTripletLoss(tf, {
          ...options,
          anchor: a as Tensor2D,
          positive: p as Tensor2D,
          negative: n as Tensor2D,
        });
      const grads = tf.grads((a, p, n) => tf.sum(tf.mul(losses(a, p, n), weights)))(inputs);
      const lossSum = tf.sum(losses(inputs[0], inputs[1], inputs[2]));
      return [lossSum, ...grads].map((tensor) => tensor.dataSync() as Float32Array);
    });
  }
}
