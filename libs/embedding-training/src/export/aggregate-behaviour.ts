import { userMixShare } from '../aggregation/user-mix-share';
import type { TrainedEmbeddings } from '../trained-embeddings';
import type { TrainingData } from '../training-data';

/** How much of the neighbourhood's mean an exported vector takes (0 = the trained vector as is). */
export interface BehaviourAggregation {
  /** Weight of the mean of the user's liked item vectors in the exported user vector (at 20 liked). */
  userAggregation: number;
  /** How that weight moves with a user's liked count (`userMixShare`; 0: the same for every user). */
  userAggregationSlope: number;
  /** Weight of the mean of the item's likers' (trained) vectors in the exported item vector. */
  itemPropagation: number;
}

/**
 * Export-time behaviour aggregation (SimpleX) and one propagation step over the interaction graph
 * (LightGCN): user' = (1 - g) u + g mean(liked items), item' = (1 - a) i + a mean(likers). Means are
 * weighted by the positives' weights and taken over the trained vectors; rows without positives stay.
 * The result is still one vector per user and item, scored under the same metric (nearest-neighbour
 * serving is unchanged), and a convex mix stays inside the `maxNorm` ball. Why: a user row is trained
 * on a handful of positives and lags; the mean of its items is a second, lower-variance estimate of the
 * same point (Gowalla 20% carve: see the engine README).
 */
export function aggregateBehaviour(
  model: TrainedEmbeddings,
  data: TrainingData,
  mix: BehaviourAggregation,
): TrainedEmbeddings {
  if (mix.userAggregation === 0 && mix.itemPropagation === 0) return model;
  const { dim, userVectors, itemVectors } = model;
  const { users, items, weights } = data.positives;
  const userSums = new Float64Array(userVectors.length);
  const itemSums = new Float64Array(itemVectors.length);
  const userWeights = new Float64Array(userVectors.length / dim);
  const itemWeights = new Float64Array(itemVectors.length / dim);
  const likedCounts = new Int32Array(userWeights.length);
  for (let k = 0; k < users.length; k++) {
    const weight = weights[k];
    if (!(weight > 0)) continue;
    const uo = users[k] * dim;
    const io = items[k] * dim;
    for (let d = 0; d < dim; d++) {
      userSums[uo + d] += weight * itemVectors[io + d];
      itemSums[io + d] += weight * userVectors[uo + d];
    }
    userWeights[users[k]] += weight;
    likedCounts[users[k]]++;
    itemWeights[items[k]] += weight;
  }
  const userMix = { share: mix.userAggregation, slope: mix.userAggregationSlope };
  const userShares = Float64Array.from(likedCounts, (count) => userMixShare(userMix, count));
  const itemShares = new Float64Array(itemWeights.length).fill(mix.itemPropagation);
  return {
    ...model,
    userVectors: mix.userAggregation === 0 ? userVectors : mixRows(userVectors, { sums: userSums, weights: userWeights, shares: userShares, dim }), // prettier-ignore
    itemVectors: mix.itemPropagation === 0 ? itemVectors : mixRows(itemVectors, { sums: itemSums, weights: itemWeights, shares: itemShares, dim }), // prettier-ignore
  };
}

/** Each row r with neighbours becomes (1 - shares[r]) row + shares[r] (sum / weight). */
function mixRows(
  rows: Float32Array,
  neighbours: { sums: Float64Array; weights: Float64Array; shares: Float64Array; dim: number },
): Float32Array {
  const { sums, weights, shares, dim } = neighbours;
  const mixed = new Float32Array(rows);
  for (let r = 0; r < weights.length; r++) {
    if (weights[r] === 0) continue;
    const share = shares[r];
    const scale = share / weights[r];
    for (let d = r * dim; d < (r + 1) * dim; d++)
      mixed[d] = (1 - share) * rows[d] + scale * sums[d];
  }
  return mixed;
}
