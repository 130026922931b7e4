import type { ExampleBuilder } from './example-builder';
import type { ExampleTrainer } from './example-trainer';
import type { GatheredBatch } from './gathered-batch';
import type { RowPrefetcher } from './row-prefetcher';
import { TrainingExample } from './training-example';

/** Examples between the stages of the pipeline (prefetch work -> build + prefetch negatives -> train). */
const LOOK_AHEAD = 2;
const RING = LOOK_AHEAD + 1;

/** What one thread needs to run its share of an epoch. */
export interface EpochRunnerParts {
  gathered: GatheredBatch;
  builder: ExampleBuilder;
  kernel: ExampleTrainer;
  prefetcher: RowPrefetcher;
  batchSize: number;
  /** Most negatives an example can carry. */
  maxNegatives: number;
}

/**
 * Walks a slice of the epoch's shuffled work order in batches. Each batch is first gathered out of the
 * data arrays, then run as a three-stage software pipeline: the rows of item i + 2L are pulled into the
 * cache, item i + L is built (negatives sampled) and its negative rows pulled, item i is trained. Building ahead only reorders random draws, so runs stay deterministic.
 */
export class EpochRunner {
  private readonly ring: TrainingExample[];

  constructor(private readonly parts: EpochRunnerParts) {
    this.ring = Array.from({ length: RING }, () => new TrainingExample(parts.maxNegatives));
  }

  /** Trains on every work item of `order`, batch by batch. */
  run(order: Int32Array): void {
    const batchSize = this.parts.batchSize;
    for (let start = 0; start < order.length; start += batchSize) {
      this.runBatch(order.subarray(start, Math.min(order.length, start + batchSize)));
    }
  }

  private runBatch(work: Int32Array): void {
    const { gathered, builder, kernel, prefetcher } = this.parts;
    gathered.gather(work);
    const count = work.length;
    for (let step = 0; step < count + 2 * LOOK_AHEAD; step++) {
      if (step < count) prefetcher.touchPair(gathered, step);
      const next = step - LOOK_AHEAD;
      if (next >= 0 && next < count) {
        const example = this.ring[next % RING];
        builder.build(example, gathered, next);
        prefetcher.touchNegatives(example);
      }
      const current = next - LOOK_AHEAD;
      if (current >= 0 && current < count) kernel.train(this.ring[current % RING]);
    }
  }
}
