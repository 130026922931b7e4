import type { TrainingSet } from '@recsys/domain';
import type { TrainingData } from '@recsys/embedding-training';

/** A training set with string ids replaced by dense indices, as the engine needs it. */
export interface IndexedTrainingSet {
  /** Row u of the user table belongs to userIds[u]; ids in order of first appearance. */
  userIds: string[];
  itemIds: string[];
  data: TrainingData;
  /** When each positive row's latest like happened (ms since the epoch), parallel to data.positives. */
  likedAtMs: Float64Array;
  /** Every (user, item) the user interacted with (liked or unliked): never recommended back. */
  seen: { users: Int32Array; items: Int32Array };
}

/** Maps ids to dense indices: users and items in order of first appearance (positives, then triplets). */
export function indexTrainingSet(set: TrainingSet): IndexedTrainingSet {
  const users = new Map<string, number>();
  const items = new Map<string, number>();
  const indexOf = (map: Map<string, number>, id: string): number => {
    let index = map.get(id);
    if (index === undefined) map.set(id, (index = map.size));
    return index;
  };
  const positives = {
    users: Int32Array.from(set.positives, (p) => indexOf(users, p.userId)),
    items: Int32Array.from(set.positives, (p) => indexOf(items, p.itemId)),
    weights: Float32Array.from(set.positives, (p) => p.weight),
  };
  const explicitTriplets = {
    users: Int32Array.from(set.triplets, (t) => indexOf(users, t.userId)),
    positives: Int32Array.from(set.triplets, (t) => indexOf(items, t.positiveItemId)),
    negatives: Int32Array.from(set.triplets, (t) => indexOf(items, t.negativeItemId)),
  };
  const seen = {
    users: concat(positives.users, explicitTriplets.users, explicitTriplets.users),
    items: concat(positives.items, explicitTriplets.positives, explicitTriplets.negatives),
  };
  return {
    userIds: [...users.keys()],
    itemIds: [...items.keys()],
    data: { userCount: users.size, itemCount: items.size, positives, explicitTriplets },
    likedAtMs: Float64Array.from(set.positives, (p) => p.likedAtMs),
    seen,
  };
}

function concat(...parts: Int32Array[]): Int32Array {
  const out = new Int32Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
