import type { BlendedShortlists } from './blended-shortlists';
import type { PopularItem } from '@recsys/domain';
import type { CatalogueView } from './catalogue-view';
import type { CatalogueMode } from './recommendation-types';
import type { ServingModel } from './serving-model';

/** Everything a request is answered from, besides the request itself. */
export interface ServingContext {
  model: ServingModel | null;
  catalogue: CatalogueView;
  /** Whether items the catalogue does not list may be recommended (see CatalogueMode); default open. */
  catalogueMode?: CatalogueMode;
  /** Recency-decayed popularity, most popular first (may be empty: the model's own list is used then). */
  popular: readonly PopularItem[];
  /** Share of the recent liked items' centroid in a known user's query vector, in [0, 1]. */
  realtimeWeight: number;
  /** How many recent liked items shape the query vector. */
  maxRecentLiked: number;
  /** Lists of users with likes since training, kept between their requests (null: search every time). */
  blendedLists?: BlendedShortlists | null;
  /** When given, recommendForUser notes here how it found its answer (for the api's metrics). */
  answerTrace?: { path: AnswerPath };
}

/** A stored list answered (`list`), or a search: an index query or the popularity ranking (`search`). */
export type AnswerPath = 'list' | 'search';
