import { trainsWithAggregation } from '../aggregation/anchor-scratch';
import { ThreadAggregation } from '../aggregation/thread-aggregation';
import { likedItemSet } from '../data/liked-item-set';
import { createRowGeometry } from '../geometry/create-row-geometry';
import type { RowGeometry } from '../geometry/row-geometry';
import { createTripletLoss } from '../losses/create-triplet-loss';
import type { TripletLoss } from '../losses/triplet-loss';
import { createNegativeSampler } from '../negatives/create-negative-sampler';
import type { NegativeSampler } from '../negatives/negative-sampler';
import { createSparseOptimizer } from '../optim/create-sparse-optimizer';
import type { SparseOptimizer } from '../optim/sparse-optimizer';
import type { TrainingData } from '../training-data';
import type { TrainOptions } from '../train-options';
import { EpochRunner } from './epoch-runner';
import { createExampleBuilder } from './create-example-builder';
import type { ExampleTrainer } from './example-trainer';
import { FusedBatchRunner, negativesIgnoreTables } from './fused-batch-runner';
import { FusedTripletStep, fusedStepApplies } from './fused-triplet-step';
import { GatheredBatch } from './gathered-batch';
import { maxNegatives } from './max-negatives';
import { RowPrefetcher } from './row-prefetcher';
import type { TrainingTables } from './training-tables';
import type { EpochShareTrainer } from './create-thread-trainer';
import { TripletKernel } from './triplet-kernel';
import { UniformBatchRunner } from './uniform-batch-runner';

/** Loss sum and triplet count of one thread's share of an epoch. */
export interface EpochTally {
  lossSum: number;
  tripletCount: number;
}

/**
 * Everything one thread needs to train its shares of the epochs through the composed path: an example
 * builder with its negative sampler feeding a triplet kernel (fused in WebAssembly where it applies).
 */
export class ThreadTrainer implements EpochShareTrainer {
  readonly path = 'composed';
  private readonly kernel: ExampleTrainer;
  private readonly sampler: NegativeSampler;
  private readonly runner: { run(order: Int32Array): void };
  private readonly aggregation: ThreadAggregation;

  constructor(setup: {
    data: TrainingData;
    tables: TrainingTables;
    options: TrainOptions;
    /** Seed of this thread's random stream. */
    seed: number;
  }) {
    const { data, tables, options } = setup;
    const { dim } = options;
    const positives = likedItemSet(data);
    const loss = createTripletLoss(options.loss, options);
    const aggregation = ThreadAggregation.create({
      ...setup,
      positives,
      userCount: data.userCount,
    });
    this.aggregation = aggregation;
    const geometry = () =>
      aggregation.geometry(
        createRowGeometry(loss.geometry, {
          anchors: tables.anchors,
          others: tables.items,
          dim,
          memory: tables.memory ?? undefined,
        }),
      );
    // The default combination runs the fused WebAssembly step (with train-time aggregation it scores the
    // mix and the user row steps through the mixed optimiser); every other one the generic kernel.
    const fused = fusedStepApplies(options, tables)
      ? new FusedTripletStep({
          tables,
          options,
          capacity: options.batchSize,
          stride: maxNegatives(options),
        })
      : null;
    this.kernel =
      fused === null
        ? this.genericKernel(setup, { loss, geometry: geometry(), aggregation })
        : aggregation.fusedStep(fused);
    this.sampler = createNegativeSampler({ ...setup, positives, geometry: geometry() });
    const sampler = this.sampler;
    const builder = createExampleBuilder({ ...setup, sampler, positives, geometry: geometry() });
    const gathered = new GatheredBatch({
      data,
      explicitTripletWeight: options.explicitTripletWeight,
      batchSize: options.batchSize,
    });
    // With negatives that do not read the tables, whole batches go to the fused step in one call (not
    // with the mix: each example's anchor is written just before it trains); uniform ones are drawn by
    // the step itself when the liked lists fit in the table memory.
    const uniform =
      fused === null
        ? null
        : UniformBatchRunner.create({ ...setup, positives, step: fused, random: sampler.random });
    this.runner =
      uniform ??
      (fused !== null && negativesIgnoreTables(options) && !trainsWithAggregation(options)
        ? new FusedBatchRunner({ gathered, builder, step: fused, batchSize: options.batchSize })
        : new EpochRunner({
            builder,
            kernel: this.kernel,
            gathered,
            prefetcher: new RowPrefetcher({ positives, tables, dim }),
            batchSize: options.batchSize,
            maxNegatives: maxNegatives(options),
          }));
  }

  private genericKernel(
    setup: { data: TrainingData; tables: TrainingTables; options: TrainOptions },
    parts: { loss: TripletLoss; geometry: RowGeometry; aggregation: ThreadAggregation },
  ): TripletKernel {
    const { data, tables, options } = setup;
    const { dim } = options;
    const { loss, geometry, aggregation } = parts;
    return new TripletKernel({
      dim,
      loss,
      geometry,
      users: aggregation.users(userOptimizer(setup)),
      items: createSparseOptimizer({ values: tables.items, state: tables.itemState, dim }, options),
      maxNegatives: maxNegatives(options),
      reduction: options.negativeReduction,
      itemCount: data.itemCount,
      softmaxTemperature: options.softmaxTemperature,
    });
  }

  /** Starts epoch `epoch` (0-based): warm-up schedule and zeroed counters. */
  beginEpoch(epoch: number): void {
    this.sampler.setEpoch(epoch);
    this.kernel.resetCounters();
    this.aggregation.reset();
  }

  /** Trains on the work items of `order` (a slice of the epoch's shuffled order). */
  run(order: Int32Array): void {
    this.runner.run(order);
    this.aggregation.flush();
  }

  /** Loss and triplets since `beginEpoch`. */
  tally(): EpochTally {
    return { lossSum: this.kernel.lossSum, tripletCount: this.kernel.tripletCount };
  }
}

export { maxNegatives } from './max-negatives';

function userOptimizer(setup: { tables: TrainingTables; options: TrainOptions }): SparseOptimizer {
  const { tables, options } = setup;
  return createSparseOptimizer(
    { values: tables.users, state: tables.userState, dim: options.dim },
    options,
  );
}
