import type { CatalogueItem } from '@recsys/domain';

/** What recommendations need to know of the storefront's catalogue. */
export interface CatalogueView {
  /** False for items the storefront marked unavailable or deleted; items it never described are allowed. */
  isRecommendable(itemId: string): boolean;
  /** The item's category, or null when it has none or is unknown to the catalogue. */
  categoryOf(itemId: string): string | null;
}

/** An in-memory copy of the catalogue that follows its change feed (revision order). */
export class CatalogueSnapshot implements CatalogueView {
  private readonly items = new Map<string, CatalogueItem>();
  private lastRevision = 0;

  get revision(): number {
    return this.lastRevision;
  }

  get size(): number {
    return this.items.size;
  }

  /** Applies changes (upserts and tombstones); older revisions than the current one of an item are ignored. */
  apply(changes: readonly CatalogueItem[]): void {
    for (const change of changes) {
      const known = this.items.get(change.itemId);
      if (!known || known.revision < change.revision) this.items.set(change.itemId, change);
      this.lastRevision = Math.max(this.lastRevision, change.revision);
    }
  }

  isRecommendable(itemId: string): boolean {
    const item = this.items.get(itemId);
    return !item || (item.available && !item.deleted);
  }

  categoryOf(itemId: string): string | null {
    const item = this.items.get(itemId);
    return item && !item.deleted ? item.category : null;
  }
}
