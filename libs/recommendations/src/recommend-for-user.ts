import type { RecentInteraction } from '@recsys/domain';
import { buildItemFilter, type ItemFilter } from './item-filter';
import { centroidOf, nearestItemsPage, popularPage } from './rank-candidates';
import type {
  RecommendationFilters,
  RecommendationSource,
  Recommendations,
  RecommendedItem,
} from './recommendation-types';
import type { ServingContext } from './serving-context';
import { rowOf, type ServingModel } from './serving-model';

/**
 * Recommendations for a user: the nearest allowed items to the user's vector, blended with the items the
 * user liked since the model was trained (`realtime`); from those recent items alone for a user the model
 * does not know; popular items when there is no vector at all. A known user without newer likes is answered
 * from the user's precomputed list when it holds the whole page after filtering (the same items a search
 * would find: the list is that search, done earlier).
 */
export function recommendForUser(
  context: ServingContext,
  user: { userId: string; recent: readonly RecentInteraction[] },
  filters: RecommendationFilters,
): Recommendations {
  const { model } = context;
  const recentItemIds = new Set(user.recent.map((r) => r.itemId));
  const modelVersion = model?.version ?? null;
  const query = model ? queryVector(context, model, user) : null;
  if (model && query?.source === 'model' && filters.excludeSeen) {
    const allowed = buildItemFilter(context.catalogue, filters, recentItemIds);
    const items = shortlistPage(model, query.userIndex, filters, allowed);
    if (items) return { userId: user.userId, modelVersion, items };
  }
  const seen = model ? withTrainingItems(model, user.userId, recentItemIds) : recentItemIds;
  const allowed = buildItemFilter(context.catalogue, filters, seen);
  const items =
    model && query
      ? nearestItemsPage(context, model, query, filters, allowed)
      : popularPage(context, filters, allowed);
  return { userId: user.userId, modelVersion, items };
}

/** The page from the user's precomputed list; null when there is none or it ends before the page does. */
function shortlistPage(
  model: ServingModel,
  userIndex: number,
  filters: RecommendationFilters,
  allowed: ItemFilter,
): RecommendedItem[] | null {
  const shortlists = model.shortlists;
  const count = shortlists?.countOf(userIndex) ?? -1;
  if (!shortlists || count < 0) return null;
  const { itemIds } = model.snapshot;
  const items: RecommendedItem[] = [];
  const start = shortlists.offsetOf(userIndex);
  let skipped = 0;
  for (let i = start; i < start + count && items.length < filters.limit; i++) {
    const itemId = itemIds[shortlists.items[i]];
    if (!allowed(itemId)) continue;
    if (skipped < filters.offset) skipped++;
    else items.push({ itemId, score: shortlists.scores[i], source: 'model' });
  }
  // Running out: the search (and its popular top-up) answers instead.
  return items.length === filters.limit ? items : null;
}

interface QueryVector {
  vector: Float32Array;
  source: RecommendationSource;
  /** The user's row in the model, or −1 for a user the model does not know. */
  userIndex: number;
}

function queryVector(
  context: ServingContext,
  model: ServingModel,
  user: { userId: string; recent: readonly RecentInteraction[] },
): QueryVector | null {
  const userIndex = model.userIndexById.get(user.userId) ?? -1;
  // A known user's vector already reflects what the model trained on; only newer likes move it.
  const liked = user.recent
    .filter((r) => r.polarity === 1 && (userIndex === -1 || Date.parse(r.at) > model.trainedAtMs))
    .slice(0, context.maxRecentLiked)
    .map((r) => model.itemIndexById.get(r.itemId))
    .filter((index): index is number => index !== undefined);
  const centroid = centroidOf(model, liked);
  if (userIndex === -1)
    return centroid ? { vector: centroid, source: 'realtime', userIndex } : null;
  const dim = model.snapshot.metadata.dim;
  const trained = rowOf(model.snapshot.userVectors, userIndex, dim);
  if (!centroid || context.realtimeWeight === 0) {
    return { vector: trained, source: 'model', userIndex };
  }
  const blended = new Float32Array(dim);
  const weight = context.realtimeWeight;
  for (let d = 0; d < dim; d++) blended[d] = (1 - weight) * trained[d] + weight * centroid[d];
  return { vector: blended, source: 'realtime', userIndex };
}

function withTrainingItems(
  model: ServingModel,
  userId: string,
  recentItemIds: Set<string>,
): Set<string> {
  const userIndex = model.userIndexById.get(userId);
  if (userIndex === undefined) return recentItemIds;
  const seen = new Set(recentItemIds);
  const { offsets, items } = model.snapshot.seenItems;
  for (let i = offsets[userIndex]; i < offsets[userIndex + 1]; i++)
    seen.add(model.snapshot.itemIds[items[i]]);
  return seen;
}
