import type { TrainOptions } from '../train-options';

/** Most negatives an example can carry: the sampled ones plus, with in-batch negatives, the rest of the batch. */
export function maxNegatives(
  options: Pick<TrainOptions, 'negativesPerPositive' | 'inBatchNegatives' | 'batchSize'>,
): number {
  return (
    options.negativesPerPositive + (options.inBatchNegatives === 'none' ? 1 : options.batchSize)
  );
}
