export { buildServingModel } from './serving-model';
export type { ServingModel } from './serving-model';
export { recommendForUser } from './recommend-for-user';
export type { Recommendations, RecommendedItem, RecommendationSource } from './recommend-for-user';
