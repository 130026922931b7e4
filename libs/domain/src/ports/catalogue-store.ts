/** What the storefront tells the service about an item (`PUT /items/:itemId`). */
export interface CatalogueItemInput {
  itemId: string;
  category: string | null;
  available: boolean;
  /** Free-form attributes (JSON object), kept and returned as given. */
  properties: Record<string, unknown>;
}

export interface CatalogueItem extends CatalogueItemInput {
  /** Monotonic change number across the whole catalogue (for `changesSince`). */
  revision: number;
  updatedAt: string;
  /** A deleted item stays as a tombstone so every api replica learns of the deletion. */
  deleted: boolean;
}

/**
 * The storefront's catalogue: which items exist, their category and availability. Unavailable and deleted
 * items are never recommended. Api replicas keep a copy in memory and follow `changesSince`.
 */
export interface CatalogueStore {
  upsert(item: CatalogueItemInput): Promise<CatalogueItem>;
  /**
   * Records the item's deletion as a tombstone and returns it. An item the catalogue never had gets one
   * too (no category, unavailable), so an item a model learned of stops being recommended however it came
   * in; an item deleted already keeps its tombstone (returned, no new change).
   */
  remove(itemId: string): Promise<CatalogueItem>;
  /** Null for unknown or deleted items. */
  get(itemId: string): Promise<CatalogueItem | null>;
  /** Changes (including tombstones) with revision > `afterRevision`, in revision order, at most `limit`. */
  changesSince(afterRevision: number, limit: number): Promise<CatalogueItem[]>;
}
