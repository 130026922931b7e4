import type { RecentInteraction } from '@recsys/domain';
import { buildItemFilter } from './item-filter';
import { centroidOf, nearestItemsPage, popularPage } from './rank-candidates';
import type {
  RecommendationFilters,
  RecommendationSource,
  Recommendations,
} from './recommendation-types';
import type { ServingContext } from './serving-context';
import { rowOf, type ServingModel } from './serving-model';

/**
 * Recommendations for a user: the nearest allowed items to the user's vector, blended with the items the
 * user liked since the model was trained (`realtime`); from those recent items alone for a user the model
 * does not know; popular items when there is no vector at all.
 */
export function recommendForUser(
  context: ServingContext,
  user: { userId: string; recent: readonly RecentInteraction[] },
  filters: RecommendationFilters,
): Recommendations {
  const { model } = context;
  const seen = new Set(user.recent.map((r) => r.itemId));
  if (model) addTrainingItems(model, user.userId, seen);
  const allowed = buildItemFilter(context.catalogue, filters, seen);
  const query = model ? queryVector(context, model, user) : null;
  const items =
    model && query
      ? nearestItemsPage(context, model, query, filters, allowed)
      : popularPage(context, filters, allowed);
  return { userId: user.userId, modelVersion: model?.version ?? null, items };
}

function queryVector(
  context: ServingContext,
  model: ServingModel,
  user: { userId: string; recent: readonly RecentInteraction[] },
): { vector: Float32Array; source: RecommendationSource } | null {
  const userIndex = model.userIndexById.get(user.userId);
  // A known user's vector already reflects what the model trained on; only newer likes move it.
  const trainedAtMs = Date.parse(model.snapshot.metadata.createdAt);
  const liked = user.recent
    .filter((r) => r.polarity === 1 && (userIndex === undefined || Date.parse(r.at) > trainedAtMs))
    .slice(0, context.maxRecentLiked)
    .map((r) => model.itemIndexById.get(r.itemId))
    .filter((index): index is number => index !== undefined);
  const centroid = centroidOf(model, liked);
  if (userIndex === undefined) return centroid ? { vector: centroid, source: 'realtime' } : null;
  const dim = model.snapshot.metadata.dim;
  const trained = rowOf(model.snapshot.userVectors, userIndex, dim);
  if (!centroid || context.realtimeWeight === 0) return { vector: trained, source: 'model' };
  const blended = new Float32Array(dim);
  const weight = context.realtimeWeight;
  for (let d = 0; d < dim; d++) blended[d] = (1 - weight) * trained[d] + weight * centroid[d];
  return { vector: blended, source: 'realtime' };
}

function addTrainingItems(model: ServingModel, userId: string, seen: Set<string>): void {
  const userIndex = model.userIndexById.get(userId);
  if (userIndex === undefined) return;
  const { offsets, items } = model.snapshot.seenItems;
  for (let i = offsets[userIndex]; i < offsets[userIndex + 1]; i++)
    seen.add(model.snapshot.itemIds[items[i]]);
}
