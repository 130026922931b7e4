import type { ServingModel } from './serving-model';

export type RecommendationSource = 'model' | 'popular';

export interface RecommendedItem {
  itemId: string;
  score: number;
  source: RecommendationSource;
}

export interface Recommendations {
  userId: string;
  modelVersion: string;
  items: RecommendedItem[];
}

/**
 * The items nearest to the user's vector that the user has not interacted with; a user the model does
 * not know gets the most popular items (score = share of the top list below it, in (0, 1]).
 */
export function recommendForUser(
  model: ServingModel,
  userId: string,
  options: { limit: number },
): Recommendations {
  const userIndex = model.userIndexById.get(userId);
  const items =
    userIndex === undefined
      ? popularItems(model, options.limit)
      : nearestUnseenItems(model, userIndex, options.limit);
  return { userId, modelVersion: model.version, items };
}

function nearestUnseenItems(
  model: ServingModel,
  userIndex: number,
  limit: number,
): RecommendedItem[] {
  const { snapshot } = model;
  const dim = snapshot.metadata.dim;
  const query = snapshot.userVectors.subarray(userIndex * dim, (userIndex + 1) * dim);
  const { offsets, items } = snapshot.seenItems;
  const seen = new Set(items.subarray(offsets[userIndex], offsets[userIndex + 1]));
  return model.index
    .search(query, limit, (i) => seen.has(i))
    .map((hit) => ({
      itemId: snapshot.itemIds[hit.index],
      score: hit.score,
      source: 'model' as const,
    }));
}

function popularItems(model: ServingModel, limit: number): RecommendedItem[] {
  const popular = model.snapshot.popularItems;
  const count = Math.min(limit, popular.length);
  return Array.from({ length: count }, (_, rank) => ({
    itemId: model.snapshot.itemIds[popular[rank]],
    score: (popular.length - rank) / popular.length,
    source: 'popular' as const,
  }));
}
