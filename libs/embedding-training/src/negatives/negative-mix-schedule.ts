import type { NegativeSource } from '../train-options';

/** Source codes in the order of the cumulative table. */
export const NEGATIVE_SOURCES: readonly NegativeSource[] = [
  'uniform',
  'popularity',
  'explicit',
  'hardest',
  'semi-hard',
];
const HARD_SOURCES: ReadonlySet<NegativeSource> = new Set(['hardest', 'semi-hard']);

/**
 * Cumulative probabilities of the sources at `epoch` (0-based): hard sources ramp linearly from 0 to their
 * weight over `warmupEpochs` and uniform sampling takes the rest, so early training is not collapsed by
 * hard negatives while the embeddings are still random.
 */
export function negativeMixAt(options: {
  mix: Partial<Record<NegativeSource, number>>;
  warmupEpochs: number;
  epoch: number;
}): Float64Array {
  const ramp = options.warmupEpochs > 0 ? Math.min(1, options.epoch / options.warmupEpochs) : 1;
  const weights = NEGATIVE_SOURCES.map((source) => options.mix[source] ?? 0);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let deferred = 0;
  NEGATIVE_SOURCES.forEach((source, index) => {
    if (!HARD_SOURCES.has(source)) return;
    deferred += weights[index] * (1 - ramp);
    weights[index] *= ramp;
  });
  weights[0] += deferred;
  const cumulative = new Float64Array(weights.length);
  let running = 0;
  weights.forEach((weight, index) => {
    running += weight / total;
    cumulative[index] = running;
  });
  // Rounding must not leave a sliver of probability to a trailing source of weight 0.
  const lastUsed = weights.findLastIndex((weight) => weight > 0);
  cumulative.fill(1, lastUsed);
  return cumulative;
}
