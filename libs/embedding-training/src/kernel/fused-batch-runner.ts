import type { NegativeSource, TrainOptions } from '../train-options';
import type { ExampleBuilder } from './example-builder';
import type { FusedTripletStep } from './fused-triplet-step';
import type { GatheredBatch } from './gathered-batch';
import { TrainingExample } from './training-example';

/** Examples whose rows the fused step touches together, a group ahead of training them. */
const GROUP = 8;

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
 * shared memory, then trains the whole batch in one WebAssembly call that reads the rows of the next GROUP
 * examples into the cache before training a GROUP (EpochRunner's JavaScript pipeline, inside the kernel).
 * Same draws in the same order as EpochRunner, so the same run for a seed.
 */
export class FusedBatchRunner {
  private readonly examples: TrainingExample[];

  constructor(
    private readonly parts: {
      gathered: GatheredBatch;
      builder: ExampleBuilder;
      step: FusedTripletStep;
      batchSize: number;
    },
  ) {
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
    step.trainBatch(count, GROUP);
  }
}
