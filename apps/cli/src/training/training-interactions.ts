import { IdIndex, InteractionTable } from '@recsys/datasets';
import { rankPopularItems } from '@recsys/model-building';
import { buildUserItemSets } from '@recsys/ranking-metrics';

/** What a model keeps of its training data: never recommended back, and the fallback for strangers. */
export interface TrainingInteractions {
  /** CSR over the model's user rows: user u's item rows are items[offsets[u]..offsets[u+1]), sorted. */
  seen: { offsets: Int32Array; items: Int32Array };
  /** Item rows by the number of distinct users who liked them, most popular first. */
  popularItems: Int32Array;
}

/**
 * Items each user interacted with (liked, neutral or unliked, as the trainer's `seenItems`) and items
 * ranked by likes, over the first `userCount` / `itemCount` rows of the table's ids; rows of ids beyond
 * them (a file read against a model's ids that holds ids the model lacks) are left out.
 */
export function trainingInteractions(
  table: InteractionTable,
  model: { userCount: number; itemCount: number },
): TrainingInteractions {
  const kept: number[] = [];
  const liked: number[] = [];
  for (let row = 0; row < table.users.length; row++) {
    if (table.users[row] >= model.userCount || table.items[row] >= model.itemCount) continue;
    kept.push(row);
    if (table.signals[row] === 1) liked.push(row);
  }
  const pairs = { userCount: model.userCount, users: table.users, items: table.items };
  const seen = buildUserItemSets(pairs, Int32Array.from(kept));
  const likedRows = Int32Array.from(liked);
  const popularItems = rankPopularItems(
    {
      users: likedRows.map((row) => table.users[row]),
      items: likedRows.map((row) => table.items[row]),
    },
    { itemCount: model.itemCount, limit: model.itemCount },
  );
  return { seen: { offsets: seen.offsets, items: seen.items }, popularItems };
}

/** Id indices that start from a model's id lists, so a data file is read in the model's rows. */
export function modelIndices(model: { userIds: string[]; itemIds: string[] }): {
  users: IdIndex;
  items: IdIndex;
} {
  return { users: new IdIndex(model.userIds), items: new IdIndex(model.itemIds) };
}
