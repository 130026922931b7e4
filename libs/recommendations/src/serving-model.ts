import type { ModelSnapshot } from '@recsys/domain';
import { ExactVectorIndex } from '@recsys/vector-index';

/** A model version prepared for answering requests: id lookups and a nearest-neighbour index. */
export interface ServingModel {
  snapshot: ModelSnapshot;
  version: string;
  userIndexById: ReadonlyMap<string, number>;
  itemIndexById: ReadonlyMap<string, number>;
  index: ExactVectorIndex;
}

/** Builds the lookups and the index of a snapshot (done off the request path, once per version). */
export function buildServingModel(snapshot: ModelSnapshot): ServingModel {
  const { metadata } = snapshot;
  return {
    snapshot,
    version: metadata.version,
    userIndexById: new Map(snapshot.userIds.map((id, i) => [id, i])),
    itemIndexById: new Map(snapshot.itemIds.map((id, i) => [id, i])),
    index: new ExactVectorIndex(snapshot.itemVectors, metadata.dim, metadata.metric),
  };
}
