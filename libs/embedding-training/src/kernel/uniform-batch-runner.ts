import { trainsWithAggregation } from '../aggregation/anchor-scratch';
import type { UserItemSet } from '../data/user-item-set';
import type { SeededRandom } from '../random/seeded-random';
import type { TrainingData } from '../training-data';
import { NEGATIVE_SOURCES } from '../negatives/negative-mix-schedule';
import type { TrainOptions } from '../train-options';
import { touchGroup } from './fused-batch-runner';
import type { FusedTripletStep } from './fused-triplet-step';
import { placeLikedLists } from './liked-lists';
import type { TrainingTables } from './training-tables';

/** Marks an example whose uniform negatives the kernel still has to draw. */
const TO_DRAW = -1;

/**
 * True when every sampled negative is a uniform draw (no other source, no in-batch negatives) and users
 * train as their own rows: then the fused step can draw the negatives itself (`UniformBatchRunner`).
 */
export function kernelDrawsUniform(
  options: Pick<
    TrainOptions,
    'negativeMix' | 'inBatchNegatives' | 'userAggregation' | 'userAggregationMode'
  >,
): boolean {
  const { negativeMix } = options;
  return (
    (negativeMix.uniform ?? 0) > 0 &&
    NEGATIVE_SOURCES.every((source) => source === 'uniform' || (negativeMix[source] ?? 0) === 0) &&
    options.inBatchNegatives === 'none' &&
    !trainsWithAggregation(options)
  );
}

/**
 * FusedBatchRunner for uniform negatives, with the sampling inside the kernel: each batch's work items
 * are copied straight into the step's slots in the shared memory (explicit triplets with their negative,
 * positive pairs marked to draw), and one WebAssembly call draws every pair's negatives (the sampler's
 * sfc32 stream, the liked-item rejection on a copy of the liked lists) a group ahead of training it. The
 * draws are NegativeSampler.fill's, in the same order, so a seed gives the same run as before.
 */
export class UniformBatchRunner {
  private readonly state = new Int32Array(4);
  private readonly group: number;
  private readonly pairCount: number;

  constructor(
    private readonly parts: {
      data: Pick<TrainingData, 'positives' | 'explicitTriplets'>;
      explicitTripletWeight: number;
      /** The users' liked items (an explicit negative the user likes is dropped). */
      positives: UserItemSet;
      /** Configured with `configureUniform`. */
      step: FusedTripletStep;
      /** The sampler's stream, continued by the kernel and handed back after each run. */
      random: SeededRandom;
      batchSize: number;
    },
  ) {
    this.group = touchGroup(parts.step.stride - 1);
    this.pairCount = parts.data.positives.users.length;
  }

  /**
   * The runner for a thread when the kernel can draw its negatives (`kernelDrawsUniform`) and the liked
   * lists fit in the table memory's arena; else null.
   */
  static create(setup: {
    data: TrainingData;
    options: TrainOptions;
    tables: TrainingTables;
    positives: UserItemSet;
    step: FusedTripletStep;
    random: SeededRandom;
  }): UniformBatchRunner | null {
    const { data, options, tables, positives, step } = setup;
    if (tables.memory === null || !kernelDrawsUniform(options)) return null;
    const liked = placeLikedLists(tables.memory, positives);
    if (liked === null) return null;
    step.configureUniform({
      liked,
      itemCount: data.itemCount,
      draws: options.negativesPerPositive,
    });
    return new UniformBatchRunner({
      data,
      explicitTripletWeight: options.explicitTripletWeight,
      positives,
      step,
      random: setup.random,
      batchSize: options.batchSize,
    });
  }

  /** Trains on every work item of `order`, batch by batch. */
  run(order: Int32Array): void {
    const { step, random, batchSize } = this.parts;
    random.saveState(this.state);
    step.setRandomState(this.state);
    for (let start = 0; start < order.length; start += batchSize) {
      const work = order.subarray(start, Math.min(order.length, start + batchSize));
      this.place(work);
      step.sampleAndTrainBatch(work.length, this.group);
    }
    step.readRandomState(this.state);
    random.restoreState(this.state);
  }

  /** Writes the work items into the step's slots, as ExampleBuilder.build would build them. */
  private place(work: Int32Array): void {
    const { data, step } = this.parts;
    const { users, positives, weights, counts } = step;
    const pairUsers = data.positives.users;
    const pairItems = data.positives.items;
    const pairWeights = data.positives.weights;
    const pairs = this.pairCount;
    for (let i = 0; i < work.length; i++) {
      const w = work[i];
      if (w >= pairs) {
        this.placeExplicit(i, w - pairs);
        continue;
      }
      const weight = pairWeights[w];
      users[i] = pairUsers[w];
      positives[i] = pairItems[w];
      weights[i] = weight;
      counts[i] = weight === 0 ? 0 : TO_DRAW;
    }
  }

  /** Example `i` is explicit triplet `t`, with its own negative. */
  private placeExplicit(i: number, t: number): void {
    const { data, step, positives: liked, explicitTripletWeight: weight } = this.parts;
    const user = data.explicitTriplets.users[t];
    const negative = data.explicitTriplets.negatives[t];
    step.users[i] = user;
    step.positives[i] = data.explicitTriplets.positives[t];
    step.weights[i] = weight;
    step.negatives[i * step.stride] = negative;
    // A liked item is never a negative, even when an explicit event says otherwise.
    step.counts[i] = Math.fround(weight) !== 0 && !liked.has(user, negative) ? 1 : 0;
  }
}
