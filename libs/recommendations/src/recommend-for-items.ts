import { DomainError } from '@recsys/domain';
import { buildItemFilter } from './item-filter';
import { centroidOf, nearestItemsPage, popularPage } from './rank-candidates';
import type { RecommendationFilters, RecommendedItem } from './recommendation-types';
import type { ServingContext } from './serving-context';

/** Items nearest to one item (`GET /items/:itemId/similar`); throws ITEM_NOT_FOUND if the model lacks it. */
export function similarItems(
  context: ServingContext,
  itemId: string,
  filters: RecommendationFilters,
): { itemId: string; modelVersion: string; items: RecommendedItem[] } {
  const { model } = context;
  if (!model)
    throw new DomainError('MODEL_NOT_READY', 'no model has been published yet; run a training job');
  const index = model.itemIndexById.get(itemId);
  if (index === undefined)
    throw new DomainError('ITEM_NOT_FOUND', `the model has no item ${itemId}`);
  const allowed = buildItemFilter(context, model, filters, {
    itemIds: new Set([itemId]),
  });
  const vector = centroidOf(model, [index])!;
  const items = nearestItemsPage(context, model, { vector, source: 'model' }, filters, allowed);
  return { itemId, modelVersion: model.version, items };
}

/**
 * Recommendations for an anonymous session from the items it interacted with (`POST /recommend`): the
 * nearest items to their centroid, never the session's own items; popular items if none is known.
 */
export function recommendForSession(
  context: ServingContext,
  sessionItemIds: readonly string[],
  filters: RecommendationFilters,
): { modelVersion: string | null; items: RecommendedItem[] } {
  const { model } = context;
  const allowed = buildItemFilter(context, model, filters, {
    itemIds: new Set(sessionItemIds),
  });
  const known = model
    ? sessionItemIds
        .map((id) => model.itemIndexById.get(id))
        .filter((i): i is number => i !== undefined)
    : [];
  const centroid = model ? centroidOf(model, known) : null;
  const items =
    model && centroid
      ? nearestItemsPage(context, model, { vector: centroid, source: 'realtime' }, filters, allowed)
      : popularPage(context, filters, allowed);
  return { modelVersion: model?.version ?? null, items };
}
