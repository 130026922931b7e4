import type { CatalogueView } from './catalogue-view';
import type { RecommendationFilters } from './recommendation-types';

/** True for an item id the request may return: available, in the category, not excluded or seen. */
export type ItemFilter = (itemId: string) => boolean;

/** Combines the catalogue rules with the request's exclusions; `seenItemIds` only when excludeSeen. */
export function buildItemFilter(
  catalogue: CatalogueView,
  filters: RecommendationFilters,
  seenItemIds: ReadonlySet<string>,
): ItemFilter {
  return (itemId) =>
    !filters.excludeItemIds.has(itemId) &&
    !(filters.excludeSeen && seenItemIds.has(itemId)) &&
    catalogue.isRecommendable(itemId) &&
    (filters.category === undefined || catalogue.categoryOf(itemId) === filters.category);
}
