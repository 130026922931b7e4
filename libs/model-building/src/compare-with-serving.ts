import type { ModelSnapshot } from '@recsys/domain';
import {
  buildUserItemSets,
  evaluateRanking,
  type EmbeddingModel,
  type RowSplit,
  type UserItemPairs,
} from '@recsys/ranking-metrics';
import type { IndexedTrainingSet } from './index-training-set';

/** Recall@K and NDCG@K of the candidate and the serving model on the same held-out likes. */
export interface ServingComparison {
  /** Held-out likes both were measured on. */
  rows: number;
  users: number;
  candidate: { recall: number; ndcg: number };
  serving: { recall: number; ndcg: number };
}

/**
 * Scores the candidate and the serving model on the SAME held-out likes: those of the candidate's holdout
 * whose user and item the serving model knows and that it did not see in its own training (it learned
 * from everything it had, so likes it saw would flatter it). Likes of users or items new to the serving
 * model are excluded rather than counted as its misses: the gate compares the two on what both could
 * answer; new users and items are judged by the candidate's own held-out figures and the floor. Both rank
 * their own catalogue, leaving out the user's training likes. Null when no held-out like qualifies
 * (e.g. no new behaviour since the serving model was trained).
 */
export async function compareWithServing(
  input: {
    indexed: IndexedTrainingSet;
    split: RowSplit;
    candidate: EmbeddingModel;
    serving: ModelSnapshot;
  },
  options: { k: number; threads: number },
): Promise<ServingComparison | null> {
  const { indexed, split, serving } = input;
  const servingUser = indexOf(serving.userIds);
  const servingItem = indexOf(serving.itemIds);
  const toServing = (row: number): [number, number] | null => {
    const user = servingUser.get(indexed.userIds[indexed.data.positives.users[row]]);
    const item = servingItem.get(indexed.itemIds[indexed.data.positives.items[row]]);
    return user === undefined || item === undefined ? null : [user, item];
  };
  const shared = [...split.testRows].filter((row) => {
    const pair = toServing(row);
    return pair !== null && !servingSaw(serving, pair);
  });
  if (shared.length === 0) return null;
  const pairs: UserItemPairs = { userCount: indexed.data.userCount, ...indexed.data.positives };
  const candidate = await evaluateRanking({
    model: input.candidate,
    train: buildUserItemSets(pairs, split.trainRows),
    test: buildUserItemSets(pairs, Int32Array.from(shared)),
    ...options,
  });
  const servingPairs = mappedPairs(
    serving.userIds.length,
    [...split.trainRows, ...shared],
    toServing,
  );
  const servingMetrics = await evaluateRanking({
    model: {
      dim: serving.metadata.dim,
      metric: serving.metadata.metric,
      userVectors: serving.userVectors,
      itemVectors: serving.itemVectors,
    },
    train: buildUserItemSets(servingPairs.pairs, servingPairs.rowsOf(split.trainRows)),
    test: buildUserItemSets(servingPairs.pairs, servingPairs.rowsOf(shared)),
    ...options,
  });
  return {
    rows: shared.length,
    users: candidate.users,
    candidate: { recall: candidate.recall, ndcg: candidate.ndcg },
    serving: { recall: servingMetrics.recall, ndcg: servingMetrics.ndcg },
  };
}

function indexOf(ids: readonly string[]): Map<string, number> {
  return new Map(ids.map((id, index) => [id, index]));
}

function servingSaw(serving: ModelSnapshot, [user, item]: [number, number]): boolean {
  const { offsets, items } = serving.seenItems;
  for (let at = offsets[user]; at < offsets[user + 1]; at++) if (items[at] === item) return true;
  return false;
}

// The candidate's rows in the serving model's indices; rows it cannot map are left out.
function mappedPairs(
  userCount: number,
  rows: readonly number[],
  toServing: (row: number) => [number, number] | null,
): { pairs: UserItemPairs; rowsOf: (rows: ArrayLike<number>) => Int32Array } {
  const at = new Map<number, number>();
  const users: number[] = [];
  const items: number[] = [];
  for (const row of rows) {
    const pair = toServing(row);
    if (pair === null || at.has(row)) continue;
    at.set(row, users.length);
    users.push(pair[0]);
    items.push(pair[1]);
  }
  return {
    pairs: { userCount, users: Int32Array.from(users), items: Int32Array.from(items) },
    rowsOf: (selected) =>
      Int32Array.from(Array.from(selected, (row) => at.get(row) ?? -1).filter((i) => i >= 0)),
  };
}
