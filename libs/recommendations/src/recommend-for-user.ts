import type { RecentInteraction } from '@recsys/domain';
import { buildItemFilter } from './item-filter';
import { storedListPage, type StoredList } from './list-page';
import { centroidOf, nearestItemsPage, popularPage } from './rank-candidates';
import type {
  RecommendationFilters,
  RecommendationSource,
  Recommendations,
  RecommendedItem,
} from './recommendation-types';
import type { AnswerPath, ServingContext } from './serving-context';
import { rowOf, type ServingModel } from './serving-model';

/**
 * Recommendations for a user: the nearest allowed items to the user's vector, blended with the items the
 * user liked since the model was trained (`realtime`); from those recent items alone for a user the model
 * does not know; popular items when there is no vector at all. The page comes from a stored list when it
 * holds the whole page after filtering (the same items a search would find: the list is that search, done
 * earlier): the user's precomputed list for a user without newer likes, else the list kept for the user's
 * current recent interactions (see BlendedShortlists).
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
  const answer = (items: RecommendedItem[], path: AnswerPath) => {
    if (context.answerTrace) context.answerTrace.path = path;
    return { userId: user.userId, modelVersion, items };
  };
  const page = (list: StoredList | null, source: RecommendationSource) =>
    model && list && filters.excludeSeen ? listPage(context, model, { list, source, filters, recentItemIds }) : null; // prettier-ignore
  // A re-render between clicks: the kept list answers before the blended vector is even computed.
  const kept = model && user.recent.length > 0 ? context.blendedLists?.find(user.recent, model, user.userId) : null; // prettier-ignore
  const fromKept = page(kept ?? null, 'realtime');
  if (fromKept) return answer(fromKept, 'list');
  const userIndex = model?.userIndexById.get(user.userId) ?? -1;
  const query = model ? queryVector(context, model, userIndex, user.recent) : null;
  const trainingRows = model && userIndex >= 0 ? trainingItemRows(model, userIndex) : undefined;
  if (model && query && !kept && filters.excludeSeen) {
    const list = storedList(context, model, { ...user, query, recentItemIds, trainingRows });
    const fromList = page(list, query.source);
    if (fromList) return answer(fromList, 'list');
  }
  const allowed = buildItemFilter(context, model, filters, {
    itemIds: recentItemIds,
    rows: trainingRows,
  });
  return answer(
    model && query
      ? nearestItemsPage(context, model, query, filters, allowed)
      : popularPage(context, filters, allowed),
    'search',
  );
}

/** The page from a stored list (its training items already left out: the filter checks the rest). */
function listPage(
  context: ServingContext,
  model: ServingModel,
  request: { list: StoredList; source: RecommendationSource; filters: RecommendationFilters; recentItemIds: ReadonlySet<string> }, // prettier-ignore
): RecommendedItem[] | null {
  const { list, source, filters, recentItemIds } = request;
  const allowed = buildItemFilter(context, model, filters, { itemIds: recentItemIds });
  return storedListPage(model.snapshot.itemIds, list, { filters, allowed, source });
}

const NO_ITEMS: ReadonlySet<string> = new Set();

interface ListRequest {
  userId: string;
  recent: readonly RecentInteraction[];
  query: QueryVector;
  recentItemIds: ReadonlySet<string>;
  trainingRows: Int32Array | undefined;
}

/**
 * The stored list of the request's query vector: the precomputed one of a model user, or for a blended
 * query one computed now and kept (one search, without the user's seen items); null when there is none.
 */
function storedList(
  context: ServingContext,
  model: ServingModel,
  request: ListRequest,
): StoredList | null {
  const { query, userId, recent } = request;
  if (query.source === 'model') {
    const shortlists = model.shortlists;
    const count = shortlists?.countOf(query.userIndex) ?? -1;
    if (!shortlists || count < 0) return null;
    const { items, scores } = shortlists;
    return { items, scores, start: shortlists.offsetOf(query.userIndex), count };
  }
  const lists = context.blendedLists;
  if (!lists || lists.size === 0) return null;
  const seenRows = seenRowsOf(model, request.recentItemIds, request.trainingRows);
  const hits = model.index.search(query.vector, lists.size, (row) => seenRows.has(row));
  return lists.keep(recent, userId, hits);
}

/** Rows of the user's recent items and training items. */
function seenRowsOf(
  model: ServingModel,
  recentItemIds: ReadonlySet<string>,
  trainingRows: Int32Array | undefined,
): ReadonlySet<number> {
  const rows = new Set<number>(trainingRows);
  for (const itemId of recentItemIds) {
    const row = model.itemIndexById.get(itemId);
    if (row !== undefined) rows.add(row);
  }
  return rows;
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
