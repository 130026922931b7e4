import type { UserItemSet } from '../data/user-item-set';
import type { RowGeometry } from '../geometry/row-geometry';
import type { NegativeSampler } from '../negatives/negative-sampler';
import type { TrainOptions } from '../train-options';
import { ExampleBuilder } from './example-builder';

/** The example builder of one thread, configured from the training options. */
export function createExampleBuilder(setup: {
  options: TrainOptions;
  sampler: NegativeSampler;
  positives: UserItemSet;
  /** An instance of its own, for batch-hard negatives. */
  geometry: RowGeometry;
}): ExampleBuilder {
  const { options } = setup;
  return new ExampleBuilder({
    sampler: setup.sampler,
    positives: setup.positives,
    inBatchGeometry: setup.geometry,
    inBatch: options.inBatchNegatives,
    dim: options.dim,
    batchSize: options.batchSize,
  });
}
