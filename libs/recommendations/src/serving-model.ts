import type { ModelSnapshot } from '@recsys/domain';
import { ExactVectorIndex, type SearchHit } from '@recsys/vector-index';
import type { UserShortlists } from './user-shortlists';

/** Nearest-neighbour search over the item table: exact, or approximate for big catalogues. */
export interface ItemSearch {
  search(query: Float32Array, k: number, exclude?: (index: number) => boolean): SearchHit[];
}

/** A model version prepared for answering requests: id lookups and a nearest-neighbour index. */
export interface ServingModel {
  snapshot: ModelSnapshot;
  version: string;
  userIndexById: ReadonlyMap<string, number>;
  itemIndexById: ReadonlyMap<string, number>;
  index: ItemSearch;
  /** When the model was trained (ms since the epoch): likes after it are not in the user vectors. */
  trainedAtMs: number;
  /** Per-user lists computed after the swap (see UserShortlists); null until they are. */
  shortlists: UserShortlists | null;
}

/** Builds the lookups of a snapshot and wraps an index (exact search unless one is given). */
export function buildServingModel(snapshot: ModelSnapshot, index?: ItemSearch): ServingModel {
  const { metadata } = snapshot;
  return {
    snapshot,
    version: metadata.version,
    userIndexById: new Map(snapshot.userIds.map((id, i) => [id, i])),
    itemIndexById: new Map(snapshot.itemIds.map((id, i) => [id, i])),
    index: index ?? new ExactVectorIndex(snapshot.itemVectors, metadata.dim, metadata.metric),
    trainedAtMs: Date.parse(metadata.createdAt),
    shortlists: null,
  };
}

/** The row of a user or item table: a view, not a copy. [dim] */
export function rowOf(table: Float32Array, index: number, dim: number): Float32Array {
  return table.subarray(index * dim, (index + 1) * dim);
}
