export { buildServingModel, idLookupSteps, itemTableOf, rowOf } from './serving-model';
export type { ServingModel, ItemSearch, IdLookups } from './serving-model';
export { CatalogueSnapshot } from './catalogue-view';
export type { CatalogueView } from './catalogue-view';
export type { AnswerPath, ServingContext } from './serving-context';
export type {
  Recommendations,
  RecommendedItem,
  RecommendationSource,
  RecommendationFilters,
  CatalogueMode,
} from './recommendation-types';
export { BlendedShortlists } from './blended-shortlists';
export { recommendForUser } from './recommend-for-user';
export { similarItems, recommendForSession } from './recommend-for-items';
export {
  UserShortlists,
  computeUserShortlists,
  shortlistSourceOf,
  type ShortlistSource,
  type UserShortlistParts,
} from './user-shortlists';
