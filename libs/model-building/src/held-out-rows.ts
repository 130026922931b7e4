import type { TrainedEmbeddings, TrainingData } from '@recsys/embedding-training';
import {
  buildUserItemSets,
  evaluateRanking,
  metricsRecord,
  type RowSplit,
} from '@recsys/ranking-metrics';
import type { IndexedTrainingSet } from './index-training-set';

/** Full-ranking metrics of a model on the held-out likes, the training likes left out of the ranking. */
export async function evaluateHeldOut(
  indexed: IndexedTrainingSet,
  split: RowSplit,
  embeddings: TrainedEmbeddings,
  options: { k: number; threads: number },
): Promise<Record<string, number>> {
  const pairs = { userCount: indexed.data.userCount, ...indexed.data.positives };
  const result = await evaluateRanking({
    model: embeddings,
    train: buildUserItemSets(pairs, split.trainRows),
    test: buildUserItemSets(pairs, split.testRows),
    k: options.k,
    threads: options.threads,
  });
  const { users, ...rest } = metricsRecord(result);
  return { ...rest, evaluatedUsers: users };
}

/** The training data without the held-out likes, not even as the liked item of an explicit triplet. */
export function withoutHeldOut(data: TrainingData, split: RowSplit): TrainingData {
  const { positives, explicitTriplets: triplets } = data;
  const heldOut = new Set<number>();
  for (const row of split.testRows)
    heldOut.add(positives.users[row] * data.itemCount + positives.items[row]);
  const keep = [...triplets.users.keys()].filter(
    (i) => !heldOut.has(triplets.users[i] * data.itemCount + triplets.positives[i]),
  );
  const pick = <T extends Int32Array | Float32Array>(array: T, rows: ArrayLike<number>): T => {
    const out = new (array.constructor as new (n: number) => T)(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = array[rows[i]];
    return out;
  };
  return {
    ...data,
    positives: {
      users: pick(positives.users, split.trainRows),
      items: pick(positives.items, split.trainRows),
      weights: pick(positives.weights, split.trainRows),
    },
    explicitTriplets: {
      users: pick(triplets.users, keep),
      positives: pick(triplets.positives, keep),
      negatives: pick(triplets.negatives, keep),
    },
  };
}
