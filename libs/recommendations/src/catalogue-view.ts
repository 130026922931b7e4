import type { CatalogueItem } from '@recsys/domain';
import { runStepsNow, type BuildSteps } from '@recsys/vector-index';
import { CatalogueRows, NO_CATEGORY, UNKNOWN_CATEGORY, type ItemTable } from './catalogue-rows';

/** What recommendations need to know of the storefront's catalogue. */
export interface CatalogueView {
  /** False for items the storefront marked unavailable or deleted; items it never described are allowed. */
  isRecommendable(itemId: string): boolean;
  /** True for items the storefront described and has not deleted (available or not). */
  isListed(itemId: string): boolean;
  /** The item's category, or null when it has none or is unknown to the catalogue. */
  categoryOf(itemId: string): string | null;
  /** The same rules by row of a model's item table (see CatalogueRows), current with the catalogue. */
  rowsOf(table: ItemTable): CatalogueRows;
  /** The code rows carry for `category`; UNKNOWN_CATEGORY when no item ever had it. */
  categoryCodeOf(category: string): number;
}

// Rows kept current for this many item tables: the served model, the one being swapped in, a rollback.
const MAX_KEPT_TABLES = 3;
// Catalogue items laid out per step of `rowsSteps` (a few milliseconds).
const ITEMS_PER_STEP = 50_000;

/** An in-memory copy of the catalogue that follows its change feed (revision order). */
export class CatalogueSnapshot implements CatalogueView {
  private readonly items = new Map<string, CatalogueItem>();
  private readonly categoryCodes = new Map<string, number>();
  // Most recently asked for first; every kept table is updated by `apply`.
  private keptRows: CatalogueRows[] = [];
  private lastRevision = 0;

  get revision(): number {
    return this.lastRevision;
  }

  get size(): number {
    return this.items.size;
  }

  /**
   * Applies changes read from the change feed (upserts and tombstones), in revision order; older revisions
   * than the current one of an item are ignored. `revision` moves to the last one read.
   */
  apply(changes: readonly CatalogueItem[]): void {
    for (const change of changes) {
      this.applyOne(change);
      this.lastRevision = Math.max(this.lastRevision, change.revision);
    }
  }

  /**
   * Applies a change this replica just wrote, before the feed delivers it. The feed position does not move:
   * another replica's change with a lower revision may still be committing, and the next read must see it.
   */
  applyOwn(change: CatalogueItem): void {
    this.applyOne(change);
  }

  isRecommendable(itemId: string): boolean {
    const item = this.items.get(itemId);
    return !item || (item.available && !item.deleted);
  }

  isListed(itemId: string): boolean {
    const item = this.items.get(itemId);
    return item !== undefined && !item.deleted;
  }

  categoryOf(itemId: string): string | null {
    const item = this.items.get(itemId);
    return item && !item.deleted ? item.category : null;
  }

  categoryCodeOf(category: string): number {
    return this.categoryCodes.get(category) ?? UNKNOWN_CATEGORY;
  }

  rowsOf(table: ItemTable): CatalogueRows {
    const first = this.keptRows[0];
    if (first?.table.itemIndexById === table.itemIndexById) return first;
    const kept = this.keptRows.find((rows) => rows.table.itemIndexById === table.itemIndexById);
    if (kept) {
      this.keptRows = [kept, ...this.keptRows.filter((rows) => rows !== kept)];
      return kept;
    }
    return runStepsNow(this.rowsSteps(table));
  }

  /** Stops keeping rows for every table but `table` (after a swap: the previous model's id map can go). */
  keepRowsOnlyOf(table: ItemTable): void {
    this.keptRows = this.keptRows.filter(
      (rows) => rows.table.itemIndexById === table.itemIndexById,
    );
  }

  /**
   * Lays the catalogue out on the rows of `table` in steps (a swap prepares its model's rows between
   * requests) and keeps them current from then on. Changes applied between steps are on the rows already:
   * the table is kept from the first step, and later steps read the items as they are then.
   */
  *rowsSteps(table: ItemTable): BuildSteps<CatalogueRows> {
    const rows = new CatalogueRows(table);
    const others = this.keptRows.filter((r) => r.table.itemIndexById !== table.itemIndexById);
    this.keptRows = [rows, ...others].slice(0, MAX_KEPT_TABLES);
    let done = 0;
    for (const item of this.items.values()) {
      rows.set(item, this.codeFor(item.category));
      if (++done % ITEMS_PER_STEP === 0) yield;
    }
    return rows;
  }

  private codeFor(category: string | null): number {
    if (category === null) return NO_CATEGORY;
    let code = this.categoryCodes.get(category);
    if (code === undefined) this.categoryCodes.set(category, (code = this.categoryCodes.size));
    return code;
  }

  private applyOne(change: CatalogueItem): void {
    const known = this.items.get(change.itemId);
    if (!known || known.revision < change.revision) {
      this.items.set(change.itemId, change);
      const code = this.codeFor(change.category);
      for (const rows of this.keptRows) rows.set(change, code);
    }
  }
}
