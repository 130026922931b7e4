export { createSeededRandom } from './seeded-random';
export type { RandomSource } from './seeded-random';
export { generateTasteClusters } from './generate-taste-clusters';
export type { TasteClusterOptions, TasteClusterData } from './generate-taste-clusters';
