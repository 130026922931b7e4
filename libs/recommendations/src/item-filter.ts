import type { CatalogueView } from './catalogue-view';
import type { CatalogueMode, RecommendationFilters } from './recommendation-types';
import { itemTableOf, type ServingModel } from './serving-model';

/** Which items a request may return: available, in the category, neither excluded nor (if asked) seen. */
export interface ItemFilter {
  /** For a row of the model's item table (the index and the per-user lists speak in rows). */
  allowsRow(row: number): boolean;
  /** For any item id: popular items may be outside the model. */
  allowsId(itemId: string): boolean;
}

/** What the user has seen: item ids (recent, session) and, optionally, rows of the model (training). */
export interface SeenItems {
  itemIds: ReadonlySet<string>;
  rows?: ArrayLike<number>;
}

/** The catalogue and its mode (a ServingContext has both); the mode defaults to open. */
export interface CatalogueRules {
  catalogue: CatalogueView;
  catalogueMode?: CatalogueMode;
}

const NOTHING_SEEN: SeenItems = { itemIds: new Set() };
const NO_ROWS: ReadonlySet<number> = new Set();

/**
 * Combines the catalogue rules with the request's exclusions (`seen` counts only with excludeSeen). Rows
 * are checked on the catalogue's per-row arrays, with the excluded items turned into rows once here.
 */
export function buildItemFilter(
  rules: CatalogueRules,
  model: ServingModel | null,
  filters: RecommendationFilters,
  seen: SeenItems = NOTHING_SEEN,
): ItemFilter {
  const { catalogue } = rules;
  const strict = rules.catalogueMode === 'strict';
  const counted = filters.excludeSeen ? seen : NOTHING_SEEN;
  const excludedIds = union(filters.excludeItemIds, counted.itemIds);
  const { category } = filters;
  const byId = (itemId: string) =>
    !excludedIds.has(itemId) &&
    catalogue.isRecommendable(itemId) &&
    (!strict || catalogue.isListed(itemId)) &&
    (category === undefined || catalogue.categoryOf(itemId) === category);
  if (!model) return { allowsRow: () => false, allowsId: byId };

  const { blocked, listed, categories } = catalogue.rowsOf(itemTableOf(model));
  const categoryCode = category === undefined ? null : catalogue.categoryCodeOf(category);
  const excludedRows = rowsOf(model, excludedIds, counted.rows);
  const allowsRow = (row: number) =>
    blocked[row] === 0 &&
    (!strict || listed[row] === 1) &&
    (categoryCode === null || categories[row] === categoryCode) &&
    (excludedRows.size === 0 || !excludedRows.has(row));
  return {
    allowsRow,
    allowsId(itemId) {
      const row = model.itemIndexById.get(itemId);
      return row === undefined ? byId(itemId) : allowsRow(row);
    },
  };
}

function union(a: ReadonlySet<string>, b: ReadonlySet<string>): ReadonlySet<string> {
  if (b.size === 0) return a;
  if (a.size === 0) return b;
  return new Set([...a, ...b]);
}

function rowsOf(
  model: ServingModel,
  itemIds: ReadonlySet<string>,
  extraRows: ArrayLike<number> | undefined,
): ReadonlySet<number> {
  if (itemIds.size === 0 && !extraRows?.length) return NO_ROWS;
  const rows = new Set<number>();
  for (const itemId of itemIds) {
    const row = model.itemIndexById.get(itemId);
    if (row !== undefined) rows.add(row);
  }
  if (extraRows) for (let i = 0; i < extraRows.length; i++) rows.add(extraRows[i]);
  return rows;
}
