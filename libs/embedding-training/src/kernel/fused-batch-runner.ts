import type { NegativeSource, TrainOptions } from '../train-options';
import type { ExampleBuilder } from './example-builder';
import type { FusedTripletStep } from './fused-triplet-step';
import type { GatheredBatch } from './gathered-batch';
import { TrainingExample } from './training-example';

/**
 * Examples whose rows the fused step touches together, a group ahead of training them: with one or two
 * negatives an example's arithmetic is too short to hide a miss, so 8 examples' rows (~24) are read at
 * once; with more, the next example's rows are enough, and more would only evict each other (Gowalla-sized
 * tables, ns per example under load: 1 negative 966 untouched, 829 by 8; 4 negatives 1,665 by 1, 2,190
 * by 2; 16 negatives 8,447 untouched, 4,735 by 1, 6,750 by 8).
 */
export function touchGroup(negatives: number): number {
  return negatives <= 2 ? 8 : 1;
}

/** Sources whose picks score rows (and so depend on the tables as they are when the pick is made). */
const SCORING_SOURCES: NegativeSource[] = ['hardest', 'semi-hard'];

/**
 * True when no negative depends on the tables (uniform, popularity, explicit, batch-all): then a whole
 * batch can be sampled before any of it is trained and the result is the same as example by example.
 */
export function negativesIgnoreTables(
  options: Pick<TrainOptions, 'negativeMix' | 'inBatchNegatives'>,
): boolean {
  const scoring = SCORING_SOURCES.some((source) => (options.negativeMix[source] ?? 0) > 0);
  return !scoring && options.inBatchNegatives !== 'batch-hard';
}

/**
 * Walks a slice of the epoch's shuffled work order in batches for the fused step when negatives do not
 * depend on the tables: gathers a batch, samples every example straight into the step's slots in the
 * shared memory, then trains the whole batch in one WebAssembly call that reads the rows of the next group of
 * examples into the cache before training a group (EpochRunner's JavaScript pipeline, inside the kernel).
 * Same draws in the same order as EpochRunner, so the same run for a seed.
 */
export class FusedBatchRunner {
  private readonly examples: TrainingExample[];
  private readonly group: number;

  constructor(
    private readonly parts: {
      gathered: GatheredBatch;
      builder: ExampleBuilder;
      step: FusedTripletStep;
      batchSize: number;
    },
  ) {
    // The step's slots: the sampled negatives + 1 (or + the batch, with in-batch negatives).
    this.group = touchGroup(parts.step.stride - 1);
    const { step, batchSize } = parts;
    this.examples = Array.from(
      { length: batchSize },
      (_, i) => new TrainingExample(step.stride, step.negativesOf(i)),
    );
  }

  /** Trains on every work item of `order`, batch by batch. */
  run(order: Int32Array): void {
    const batchSize = this.parts.batchSize;
    for (let start = 0; start < order.length; start += batchSize) {
      this.runBatch(order.subarray(start, Math.min(order.length, start + batchSize)));
    }
  }

  private runBatch(work: Int32Array): void {
    const { gathered, builder, step } = this.parts;
    gathered.gather(work);
    const count = work.length;
    for (let i = 0; i < count; i++) {
      const example = this.examples[i];
      builder.build(example, gathered, i);
      step.record(i, example);
    }
    step.trainBatch(count, this.group);
  }
}
