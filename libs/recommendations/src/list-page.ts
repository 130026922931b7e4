import type { ItemFilter } from './item-filter';
import type {
  RecommendationFilters,
  RecommendationSource,
  RecommendedItem,
} from './recommendation-types';

/** A stored ranking: `count` rows of the model's item table from `start` on, best first, with scores. */
export interface StoredList {
  items: Int32Array;
  scores: Float64Array;
  start: number;
  count: number;
}

/**
 * The page [offset, offset + limit) of the allowed items of a stored list; null when the list ends before
 * the page does (the search, with its popular top-up, answers then).
 */
export function storedListPage(
  itemIds: readonly string[],
  list: StoredList,
  request: { filters: RecommendationFilters; allowed: ItemFilter; source: RecommendationSource },
): RecommendedItem[] | null {
  const { filters, allowed, source } = request;
  const items: RecommendedItem[] = [];
  const end = list.start + list.count;
  let skipped = 0;
  for (let i = list.start; i < end && items.length < filters.limit; i++) {
    const row = list.items[i];
    if (!allowed.allowsRow(row)) continue;
    if (skipped < filters.offset) skipped++;
    else items.push({ itemId: itemIds[row], score: list.scores[i], source });
  }
  return items.length === filters.limit ? items : null;
}
