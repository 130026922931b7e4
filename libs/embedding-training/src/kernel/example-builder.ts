import type { UserItemSet } from '../data/user-item-set';
import type { RowGeometry } from '../geometry/row-geometry';
import type { NegativeSampler } from '../negatives/negative-sampler';
import type { TrainingData } from '../training-data';
import type { InBatchMode } from '../train-options';
import type { TrainingExample } from './training-example';

/** What turns work items into examples. */
export interface ExampleBuilderParts {
  data: Pick<TrainingData, 'positives' | 'explicitTriplets'>;
  sampler: NegativeSampler;
  positives: UserItemSet;
  /** Own geometry instance for picking batch-hard negatives. */
  inBatchGeometry: RowGeometry;
  inBatch: InBatchMode;
  dim: number;
  explicitTripletWeight: number;
  /** Largest batch, for the batch-hard scratch. */
  batchSize: number;
}

/**
 * Builds the example of a work item: w < positives is the positive pair w (sampled negatives, plus
 * in-batch ones); larger w is the explicit triplet w - positives. An example left with no negative
 * (e.g. an explicit negative the user likes) is skipped by the kernel.
 */
export class ExampleBuilder {
  private readonly positiveCount: number;
  private readonly inBatchOffsets: Int32Array;

  constructor(private readonly parts: ExampleBuilderParts) {
    this.positiveCount = parts.data.positives.users.length;
    this.inBatchOffsets = new Int32Array(parts.batchSize);
  }

  /** Fills `example` for the work item batch[index]. */
  build(example: TrainingExample, batch: Int32Array, index: number): void {
    const { data, sampler, inBatch } = this.parts;
    const work = batch[index];
    example.negativeCount = 0;
    if (work >= this.positiveCount) {
      this.setExplicit(example, work - this.positiveCount);
      return;
    }
    example.user = data.positives.users[work];
    example.positive = data.positives.items[work];
    example.weight = data.positives.weights[work];
    sampler.fill(example);
    if (inBatch !== 'none') this.addInBatchNegatives(example, { batch, self: index });
  }

  private setExplicit(example: TrainingExample, triplet: number): void {
    const { explicitTriplets } = this.parts.data;
    example.user = explicitTriplets.users[triplet];
    example.positive = explicitTriplets.positives[triplet];
    example.weight = this.parts.explicitTripletWeight;
    const negative = explicitTriplets.negatives[triplet];
    // A liked item is never a negative, even when an explicit event says otherwise.
    if (example.weight === 0 || this.parts.positives.has(example.user, negative)) return;
    example.addNegative(negative);
  }

  /** batch-all: every other liked item of the batch that the user does not like; batch-hard: the closest. */
  private addInBatchNegatives(
    example: TrainingExample,
    at: { batch: Int32Array; self: number },
  ): void {
    const { positives } = this.parts;
    const items = this.parts.data.positives.items;
    const first = example.negativeCount;
    for (let j = 0; j < at.batch.length; j++) {
      if (j === at.self || at.batch[j] >= this.positiveCount) continue;
      const item = items[at.batch[j]];
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
