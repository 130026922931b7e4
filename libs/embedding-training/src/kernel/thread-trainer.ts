import { ThreadAggregation } from '../aggregation/thread-aggregation';
import { UserItemSet } from '../data/user-item-set';
import { createRowGeometry } from '../geometry/create-row-geometry';
import { createTripletLoss } from '../losses/create-triplet-loss';
import { createNegativeSampler } from '../negatives/create-negative-sampler';
import type { NegativeSampler } from '../negatives/negative-sampler';
import { createSparseOptimizer } from '../optim/create-sparse-optimizer';
import type { TrainingData } from '../training-data';
import type { TrainOptions } from '../train-options';
import { EpochRunner } from './epoch-runner';
import { createExampleBuilder } from './create-example-builder';
import { GatheredBatch } from './gathered-batch';
import { RowPrefetcher } from './row-prefetcher';
import type { TrainingTables } from './training-tables';
import { TripletKernel } from './triplet-kernel';

/** Loss sum and triplet count of one thread's share of an epoch. */
export interface EpochTally {
  lossSum: number;
  tripletCount: number;
}

/** Everything one thread (the caller's, or a worker) needs to train its shares of the epochs. */
export class ThreadTrainer {
  private readonly kernel: TripletKernel;
  private readonly sampler: NegativeSampler;
  private readonly runner: EpochRunner;
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
    const positives = UserItemSet.fromPairs({ ...data.positives, userCount: data.userCount });
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
    this.kernel = new TripletKernel({
      dim,
      loss,
      geometry: geometry(),
      users: aggregation.users(
        createSparseOptimizer({ values: tables.users, state: tables.userState, dim }, options),
      ),
      items: createSparseOptimizer({ values: tables.items, state: tables.itemState, dim }, options),
      maxNegatives: maxNegatives(options),
      reduction: options.negativeReduction,
      itemCount: data.itemCount,
    });
    this.sampler = createNegativeSampler({ ...setup, positives, geometry: geometry() });
    const sampler = this.sampler;
    this.runner = new EpochRunner({
      builder: createExampleBuilder({ ...setup, sampler, positives, geometry: geometry() }),
      kernel: this.kernel,
      gathered: new GatheredBatch({
        data,
        explicitTripletWeight: options.explicitTripletWeight,
        batchSize: options.batchSize,
      }),
      prefetcher: new RowPrefetcher({ positives, tables, dim }),
      batchSize: options.batchSize,
      maxNegatives: maxNegatives(options),
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

/** Sampled negatives plus, with in-batch negatives, the rest of the batch. */
export function maxNegatives(options: TrainOptions): number {
  return (
    options.negativesPerPositive + (options.inBatchNegatives === 'none' ? 1 : options.batchSize)
  );
}
