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
  /** Marks the item deleted; returns false when it did not exist (or was already deleted). */
  remove(itemId: string): Promise<boolean>;
  /** Null for unknown or deleted items. */
  get(itemId: string): Promise<CatalogueItem | null>;
  /** Changes (including tombstones) with revision > `afterRevision`, in revision order, at most `limit`. */
  changesSince(afterRevision: number, limit: number): Promise<CatalogueItem[]>;
}
