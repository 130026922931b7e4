import type { TrainedEmbeddings } from '../trained-embeddings';
import type { TrainingData } from '../training-data';

/**
 * Share of users whose held-out item ranks in the top k among the items they did not like in training
 * (full ranking under the model's metric). Small and exact: for tests and quick checks, not for big data.
 */
export function hitRateAtK(
  model: TrainedEmbeddings,
  setup: { data: TrainingData; heldOut: Int32Array; k: number },
): number {
  const { data, heldOut, k } = setup;
  const seen = new Set<number>();
  for (let p = 0; p < data.positives.users.length; p++) {
    seen.add(data.positives.users[p] * data.itemCount + data.positives.items[p]);
  }
  let hits = 0;
  for (let user = 0; user < data.userCount; user++) {
    const target = scoreOf(model, user, heldOut[user]);
    let better = 0;
    for (let item = 0; item < data.itemCount && better < k; item++) {
      if (item === heldOut[user] || seen.has(user * data.itemCount + item)) continue;
      if (scoreOf(model, user, item) > target) better++;
    }
    if (better < k) hits++;
  }
  return hits / data.userCount;
}

/** Higher = better under the model's metric. */
export function scoreOf(model: TrainedEmbeddings, user: number, item: number): number {
  const { dim, userVectors: u, itemVectors: v } = model;
  let dot = 0;
  let uu = 0;
  let vv = 0;
  let squared = 0;
  for (let k = 0; k < dim; k++) {
    const a = u[user * dim + k];
    const b = v[item * dim + k];
    dot += a * b;
    uu += a * a;
    vv += b * b;
    squared += (a - b) * (a - b);
  }
  if (model.metric === 'dot') return dot;
  if (model.metric === 'cosine') return dot / Math.sqrt(uu * vv || 1);
  return -Math.sqrt(squared);
}
