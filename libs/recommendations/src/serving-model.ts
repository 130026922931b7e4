import type { ModelSnapshot } from '@recsys/domain';
import {
  ExactVectorIndex,
  runStepsNow,
  type BuildSteps,
  type SearchHit,
} from '@recsys/vector-index';
import type { ItemTable } from './catalogue-rows';
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

/** Row number by id, of users and of items. */
export interface IdLookups {
  userIndexById: ReadonlyMap<string, number>;
  itemIndexById: ReadonlyMap<string, number>;
}

// Map insertions per step: a few milliseconds, so a server building the lookups of 1M ids keeps answering.
const IDS_PER_STEP = 50_000;

/** Builds the id lookups of a snapshot as steps (see BuildSteps). */
export function* idLookupSteps(snapshot: ModelSnapshot): BuildSteps<IdLookups> {
  const lookup = function* (ids: readonly string[]) {
    const byId = new Map<string, number>();
    for (let i = 0; i < ids.length; i++) {
      byId.set(ids[i], i);
      if ((i + 1) % IDS_PER_STEP === 0) yield;
    }
    return byId;
  };
  const userIndexById = yield* lookup(snapshot.userIds);
  const itemIndexById = yield* lookup(snapshot.itemIds);
  return { userIndexById, itemIndexById };
}

/**
 * Wraps a snapshot and an index (exact search unless one is given) for serving, with its id lookups
 * (built here unless given).
 */
export function buildServingModel(
  snapshot: ModelSnapshot,
  index?: ItemSearch,
  lookups: IdLookups = runStepsNow(idLookupSteps(snapshot)),
): ServingModel {
  const { metadata } = snapshot;
  return {
    snapshot,
    version: metadata.version,
    ...lookups,
    index: index ?? new ExactVectorIndex(snapshot.itemVectors, metadata.dim, metadata.metric),
    trainedAtMs: Date.parse(metadata.createdAt),
    shortlists: null,
  };
}

/** The row of a user or item table: a view, not a copy. [dim] */
export function rowOf(table: Float32Array, index: number, dim: number): Float32Array {
  return table.subarray(index * dim, (index + 1) * dim);
}

/** The model's item table, as the catalogue lays its rules out by row. */
export function itemTableOf(model: ServingModel): ItemTable {
  return { itemIndexById: model.itemIndexById, rowCount: model.snapshot.itemIds.length };
}
