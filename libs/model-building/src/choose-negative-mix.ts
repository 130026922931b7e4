import type { NegativeSource, TrainOptions } from '@recsys/embedding-training';

/** Which sampled negatives a job uses: a fixed source, or `auto` (chosen by catalogue size). */
export type NegativeStrategy = 'auto' | NegativeSource;

/**
 * Below this many items, hardest-of-W mining mostly picks items the user would like but has not seen
 * yet (in a 100-item catalogue, one of 16 candidates is likely one), and pushes them away; uniform
 * sampling is the better default there. Big catalogues gain from hard negatives (see BENCHMARKS).
 */
export const HARD_NEGATIVES_MIN_ITEMS = 10_000;

/** The negative mix for a training run, given the strategy and the catalogue size. */
export function chooseNegativeMix(
  strategy: NegativeStrategy,
  itemCount: number,
): TrainOptions['negativeMix'] {
  if (strategy !== 'auto') return { [strategy]: 1 };
  return itemCount >= HARD_NEGATIVES_MIN_ITEMS ? { hardest: 1 } : { uniform: 1 };
}
