export { indexTrainingSet } from './index-training-set';
export type { IndexedTrainingSet } from './index-training-set';
export { rankPopularItems } from './rank-popular-items';
export { trainModel } from './train-model';
export { chooseNegativeMix } from './choose-negative-mix';
export type { NegativeStrategy } from './choose-negative-mix';
export type { ModelTrainingOptions, TrainedModel } from './train-model';
export { toModelSnapshot } from './to-model-snapshot';
