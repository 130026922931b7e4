import type { CatalogueItem } from '@recsys/domain';

/** The columns of `catalogue_items` that a `CatalogueItem` is read from. */
export const CATALOGUE_ITEM_COLUMNS =
  'item_id, category, available, properties, deleted, revision, updated_at';

/**
 * A `catalogue_items` row as `pg` or PGlite return it: `pg` gives bigint as a string and PGlite as a
 * number; both give timestamptz as a Date and jsonb parsed.
 */
export interface CatalogueItemRow {
  item_id: string;
  category: string | null;
  available: boolean;
  properties: Record<string, unknown>;
  deleted: boolean;
  revision: string | number | bigint;
  updated_at: Date | string;
}

/** Maps a row to the domain type: revision as a number, `updatedAt` as an ISO-8601 UTC string. */
export function toCatalogueItem(row: CatalogueItemRow): CatalogueItem {
  const updatedAt = row.updated_at instanceof Date ? row.updated_at : new Date(row.updated_at);
  return {
    itemId: row.item_id,
    category: row.category,
    available: row.available,
    properties: row.properties,
    revision: Number(row.revision),
    updatedAt: updatedAt.toISOString(),
    deleted: row.deleted,
  };
}
