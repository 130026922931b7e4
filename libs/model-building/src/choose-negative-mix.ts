import type { NegativeSource, TrainOptions } from '@recsys/embedding-training';

/** Which sampled negatives a job uses: a fixed source, or `auto` (the engine's default). */
export type NegativeStrategy = 'auto' | NegativeSource;

/**
 * The negative mix for a training run: one fixed source, or undefined for `auto`, which leaves it to the
 * engine's defaults (hardest-of-W with W chosen by catalogue size: about uniform below a few hundred
 * items, harder as the catalogue grows; see `catalogueDefaults` in @recsys/embedding-training).
 */
export function chooseNegativeMix(
  strategy: NegativeStrategy,
): TrainOptions['negativeMix'] | undefined {
  return strategy === 'auto' ? undefined : { [strategy]: 1 };
}
