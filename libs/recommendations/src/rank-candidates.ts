import type { ItemFilter } from './item-filter';
import type {
  RecommendationFilters,
  RecommendedItem,
  RecommendationSource,
} from './recommendation-types';
import { rowOf, type ServingModel } from './serving-model';
import type { ServingContext } from './serving-context';

/** The page [offset, offset + limit) of the nearest allowed items to `query`, topped up with popular ones. */
export function nearestItemsPage(
  context: ServingContext,
  model: ServingModel,
  query: { vector: Float32Array; source: RecommendationSource },
  filters: RecommendationFilters,
  allowed: ItemFilter,
): RecommendedItem[] {
  const wanted = filters.offset + filters.limit;
  const { itemIds } = model.snapshot;
  const hits = model.index.search(query.vector, wanted, (row) => !allowed.allowsRow(row));
  const items = hits.map((hit) => ({
    itemId: itemIds[hit.index],
    score: hit.score,
    source: query.source,
  }));
  if (items.length < wanted) {
    const taken = new Set(items.map((i) => i.itemId));
    const topUp = popularItems(context, wanted - items.length, (id) => allowed.allowsId(id) && !taken.has(id)); // prettier-ignore
    items.push(...belowScore(topUp, items.at(-1)?.score));
  }
  return items.slice(filters.offset);
}

/**
 * Popular top-ups rescored to rank after the nearest items they follow (an answer's scores never go up):
 * the last nearest item's score minus (1 − the item's popularity share), so their own order is kept.
 */
function belowScore(topUp: RecommendedItem[], lastScore: number | undefined): RecommendedItem[] {
  if (lastScore === undefined) return topUp;
  for (const item of topUp) item.score = lastScore - (1 - item.score);
  return topUp;
}

/** Popular allowed items, most popular first; score = popularity relative to the most popular (top = 1). */
export function popularItems(
  context: ServingContext,
  count: number,
  allowed: (itemId: string) => boolean,
): RecommendedItem[] {
  const candidates = context.popular.length > 0 ? context.popular : modelPopularity(context.model);
  const top = candidates[0]?.score ?? 1;
  const out: RecommendedItem[] = [];
  for (const candidate of candidates) {
    if (out.length >= count) break;
    if (allowed(candidate.itemId)) {
      out.push({ itemId: candidate.itemId, score: candidate.score / top, source: 'popular' });
    }
  }
  return out;
}

/** The popular page [offset, offset + limit). */
export function popularPage(
  context: ServingContext,
  filters: RecommendationFilters,
  allowed: ItemFilter,
): RecommendedItem[] {
  const wanted = filters.offset + filters.limit;
  return popularItems(context, wanted, (id) => allowed.allowsId(id)).slice(filters.offset);
}

/** Mean of the given item rows, or null when there are none. [dim] */
export function centroidOf(
  model: ServingModel,
  itemIndices: readonly number[],
): Float32Array | null {
  if (itemIndices.length === 0) return null;
  const dim = model.snapshot.metadata.dim;
  const centroid = new Float32Array(dim);
  for (const index of itemIndices) {
    const row = rowOf(model.snapshot.itemVectors, index, dim);
    for (let d = 0; d < dim; d++) centroid[d] += row[d] / itemIndices.length;
  }
  return centroid;
}

// The model's list is by liked-by count at training time; rank-based scores keep the order.
function modelPopularity(model: ServingModel | null): { itemId: string; score: number }[] {
  if (!model) return [];
  const popular = model.snapshot.popularItems;
  return Array.from(popular, (index, rank) => ({
    itemId: model.snapshot.itemIds[index],
    score: popular.length - rank,
  }));
}
