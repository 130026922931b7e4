/** Where a recommended item came from. */
export type RecommendationSource = 'model' | 'realtime' | 'popular';

export interface RecommendedItem {
  itemId: string;
  /** Higher is better; comparable within one answer (minus a distance, or a popularity share). */
  score: number;
  source: RecommendationSource;
}

export interface Recommendations {
  userId: string;
  modelVersion: string | null;
  items: RecommendedItem[];
}

/** The business rules of one request. */
export interface RecommendationFilters {
  limit: number;
  offset: number;
  excludeItemIds: ReadonlySet<string>;
  /** Only items of this category. */
  category?: string;
  /** Leave out items the user interacted with (in training data or recently). */
  excludeSeen: boolean;
}

/**
 * Which items may be recommended: `strict` only items the catalogue lists (available, not deleted);
 * `open` also items it never described (any item id seen in events or in the model).
 */
export type CatalogueMode = 'strict' | 'open';
