import type { UserItemSet } from '../data/user-item-set';
import type { RowGeometry } from '../geometry/row-geometry';
import type { NegativeSampler } from '../negatives/negative-sampler';
import type { InBatchMode } from '../train-options';
import type { GatheredBatch } from './gathered-batch';
import type { TrainingExample } from './training-example';

/** What turns work items into examples. */
export interface ExampleBuilderParts {
  sampler: NegativeSampler;
  positives: UserItemSet;
  /** Own geometry instance for picking batch-hard negatives. */
  inBatchGeometry: RowGeometry;
  inBatch: InBatchMode;
  dim: number;
  /** Largest batch, for the batch-hard scratch. */
  batchSize: number;
}

/**
 * Builds the example of a gathered work item: a positive pair gets sampled negatives (plus in-batch
 * ones); an explicit triplet gets its own negative. An example left with no negative (e.g. an explicit
 * negative the user likes, or a zero weight) is skipped by the kernel.
 */
export class ExampleBuilder {
  private readonly inBatchOffsets: Int32Array;

  constructor(private readonly parts: ExampleBuilderParts) {
    this.inBatchOffsets = new Int32Array(parts.batchSize);
  }

  /** Fills `example` for item `index` of the gathered batch. */
  build(example: TrainingExample, batch: GatheredBatch, index: number): void {
    const { sampler, inBatch, positives } = this.parts;
    example.negativeCount = 0;
    example.user = batch.users[index];
    example.positive = batch.positives[index];
    example.weight = batch.weights[index];
    if (example.weight === 0) return;
    const explicit = batch.explicitNegatives[index];
    if (explicit >= 0) {
      // A liked item is never a negative, even when an explicit event says otherwise.
      if (!positives.has(example.user, explicit)) example.addNegative(explicit);
      return;
    }
    sampler.fill(example);
    if (inBatch !== 'none') this.addInBatchNegatives(example, { batch, self: index });
  }

  /** batch-all: every other liked item of the batch that the user does not like; batch-hard: the closest. */
  private addInBatchNegatives(
    example: TrainingExample,
    at: { batch: GatheredBatch; self: number },
  ): void {
    const { positives } = this.parts;
    const { batch } = at;
    const first = example.negativeCount;
    for (let j = 0; j < batch.size; j++) {
      if (j === at.self || batch.explicitNegatives[j] >= 0) continue;
      const item = batch.positives[j];
      if (!positives.has(example.user, item)) example.addNegative(item);
    }
    if (this.parts.inBatch === 'batch-hard' && example.negativeCount > first) {
      const hardest = this.closest(example, first);
      example.negativeCount = first;
      example.addNegative(hardest);
    }
  }

  /** The closest to the user of the example's negatives from index `first` on. */
  private closest(example: TrainingExample, first: number): number {
    const { inBatchGeometry: geometry, dim } = this.parts;
    const count = example.negativeCount - first;
    for (let k = 0; k < count; k++) this.inBatchOffsets[k] = example.negatives[first + k] * dim;
    geometry.setAnchor(example.user * dim);
    const scores = geometry.scoreRows(this.inBatchOffsets, count);
    const sign = geometry.isDistance ? -1 : 1;
    let best = 0;
    for (let k = 1; k < count; k++) if (sign * scores[k] > sign * scores[best]) best = k;
    return example.negatives[first + best];
  }
}
