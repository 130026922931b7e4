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
  const recentItemIds: ReadonlySet<string> =
    user.recent.length === 0 ? NO_ITEMS : new Set(user.recent.map((r) => r.itemId));
  const modelVersion = model?.version ?? null;
  const userIndex = model?.userIndexById.get(user.userId) ?? -1;
  const query = model ? queryVector(context, model, userIndex, user.recent) : null;
  if (model && query?.source === 'model' && filters.excludeSeen) {
    // The list already leaves the training items out: only newer interactions are checked here.
    const allowed = buildItemFilter(context.catalogue, model, filters, { itemIds: recentItemIds });
    const items = shortlistPage(model, userIndex, filters, allowed);
    if (items) return { userId: user.userId, modelVersion, items };
  }
  const trainingRows = model && userIndex >= 0 ? trainingItemRows(model, userIndex) : undefined;
  const allowed = buildItemFilter(context.catalogue, model, filters, {
    itemIds: recentItemIds,
    rows: trainingRows,
  });
  const items =
    model && query
      ? nearestItemsPage(context, model, query, filters, allowed)
      : popularPage(context, filters, allowed);
  return { userId: user.userId, modelVersion, items };
}

const NO_ITEMS: ReadonlySet<string> = new Set();

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
    const row = shortlists.items[i];
    if (!allowed.allowsRow(row)) continue;
    if (skipped < filters.offset) skipped++;
    else items.push({ itemId: itemIds[row], score: shortlists.scores[i], source: 'model' });
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
  userIndex: number,
  recent: readonly RecentInteraction[],
): QueryVector | null {
  const centroid = centroidOf(model, likedSinceTraining(context, model, userIndex, recent));
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

/**
 * Rows of the recent items the user liked (up to maxRecentLiked): all of them for a user the model does
 * not know; for a known user only those liked after training, which the user's vector does not reflect yet.
 */
function likedSinceTraining(
  context: ServingContext,
  model: ServingModel,
  userIndex: number,
  recent: readonly RecentInteraction[],
): number[] {
  const liked: number[] = [];
  for (const interaction of recent) {
    if (liked.length >= context.maxRecentLiked) break;
    if (interaction.polarity !== 1) continue;
    // By receipt, not event time: a late event (old timestamp) arrived after training all the same.
    const arrivedAt = interaction.receivedAt ?? interaction.at;
    if (userIndex !== -1 && Date.parse(arrivedAt) <= model.trainedAtMs) continue;
    const row = model.itemIndexById.get(interaction.itemId);
    if (row !== undefined) liked.push(row);
  }
  return liked;
}

/** The rows of the items the user interacted with in the training data. */
function trainingItemRows(model: ServingModel, userIndex: number): Int32Array {
  const { offsets, items } = model.snapshot.seenItems;
  return items.subarray(offsets[userIndex], offsets[userIndex + 1]);
}
