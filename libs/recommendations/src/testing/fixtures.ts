import type { CatalogueItem, ModelSnapshot } from '@recsys/domain';

// Builders shared by this lib's specs (not exported from the lib).

/** A catalogue entry: available, no category, revision 1, unless `fields` say otherwise. */
export function catalogueItem(itemId: string, fields: Partial<CatalogueItem> = {}): CatalogueItem {
  return {
    itemId,
    category: null,
    available: true,
    properties: {},
    revision: 1,
    updatedAt: '',
    deleted: false,
    ...fields,
  };
}

/** A model snapshot of the given tables (version v1, trained 2026-01-01, metric neg-l2). */
export function snapshotOf(
  tables: Omit<ModelSnapshot, 'metadata'> & { dim: number },
): ModelSnapshot {
  const { dim, ...rest } = tables;
  return {
    metadata: {
      version: 'v1',
      createdAt: '2026-01-01T00:00:00Z',
      dim,
      metric: 'neg-l2',
      itemCount: rest.itemIds.length,
      userCount: rest.userIds.length,
      metrics: {},
      trainingParams: {},
    },
    ...rest,
  };
}
