export { DEFAULT_INTERACTION_SIGNALS } from './interaction-signals';
export type { InteractionSignals } from './interaction-signals';
export { classifyInteraction } from './classify-interaction';
export { deriveTriplets } from './derive-triplets';
export type { DeriveTripletsOptions } from './derive-triplets';
