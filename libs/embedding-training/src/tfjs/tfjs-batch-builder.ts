import type { ExampleBuilder } from '../kernel/example-builder';
import type { GatheredBatch } from '../kernel/gathered-batch';
import { reductionScale } from '../kernel/reduction-scale';
import type { TrainingExample } from '../kernel/training-example';
import type { NegativeReduction } from '../train-options';
import type { ActiveTripletCounter } from './active-triplet-counter';

/** A batch of triplets as index arrays, with the loss weight of each triplet. */
export interface TripletIndexBatch {
  users: Int32Array;
  positives: Int32Array;
  negatives: Int32Array;
  /** The factor the kernel would put on each triplet's gradient (see `reductionScale`). */
  weights: Float32Array;
  size: number;
}

/**
 * Turns work items into triplets exactly as the kernel does (the same example builder: same sampler,
 * same weights, the same rule that a liked item is never a negative), for engines that train on batches.
 */
export class TfjsBatchBuilder {
  private batch: TripletIndexBatch;

  constructor(
    private readonly parts: {
      gathered: GatheredBatch;
      builder: ExampleBuilder;
      example: TrainingExample;
      reduction: NegativeReduction;
      /** For 'rank-weighted': which triplets violate the margin, as the kernel would see them. */
      activeCounter: ActiveTripletCounter;
      itemCount: number;
    },
  ) {
    this.batch = TfjsBatchBuilder.allocate(1024);
  }

  /** Fills the batch from the work items of `work`. Reuses its arrays. */
  build(work: Int32Array): TripletIndexBatch {
    const { gathered, builder, example } = this.parts;
    this.batch.size = 0;
    gathered.gather(work);
    for (let index = 0; index < work.length; index++) {
      builder.build(example, gathered, index);
      this.append();
    }
    return this.batch;
  }

  private append(): void {
    const { example, reduction, activeCounter, itemCount } = this.parts;
    const count = example.negativeCount;
    if (count === 0) return;
    if (this.batch.size + count > this.batch.users.length) this.grow(this.batch.size + count);
    const batch = this.batch;
    const active = reduction === 'rank-weighted' ? activeCounter.count(example) : count;
    const weight = reductionScale({ reduction, weight: example.weight, count, active, itemCount });
    for (let k = 0; k < count; k++) {
      batch.users[batch.size] = example.user;
      batch.positives[batch.size] = example.positive;
      batch.negatives[batch.size] = example.negatives[k];
      batch.weights[batch.size] = weight;
      batch.size++;
    }
  }

  private grow(needed: number): void {
    const larger = TfjsBatchBuilder.allocate(needed * 2);
    larger.users.set(this.batch.users);
    larger.positives.set(this.batch.positives);
    larger.negatives.set(this.batch.negatives);
    larger.weights.set(this.batch.weights);
    larger.size = this.batch.size;
    this.batch = larger;
  }

  private static allocate(capacity: number): TripletIndexBatch {
    return {
      users: new Int32Array(capacity),
      positives: new Int32Array(capacity),
      negatives: new Int32Array(capacity),
      weights: new Float32Array(capacity),
      size: 0,
    };
  }
}
