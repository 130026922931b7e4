import { trainsWithAggregation } from '../aggregation/anchor-scratch';
import { userMixShare } from '../aggregation/user-mix-share';
import { likedItemSet } from '../data/liked-item-set';
import type { TrainedEmbeddings } from '../trained-embeddings';
import type { TrainingData } from '../training-data';
import type { UserAggregationMode } from '../train-options';

/** How much of the neighbourhood's mean an exported vector takes (0 = the trained vector as is). */
export interface BehaviourAggregation {
  /** Weight of the mean of the user's liked item vectors in the exported user vector (at 20 liked). */
  userAggregation: number;
  /** How that weight moves with a user's liked count (`userMixShare`; 0: the same for every user). */
  userAggregationSlope: number;
  /** Weight of the mean of the item's likers' (trained) vectors in the exported item vector. */
  itemPropagation: number;
  /**
   * 'train': the users were trained as the mix (`BehaviourAnchor`), so each is exported as the anchor the
   * loss saw: the plain mean of their distinct liked items (`likedItemSet`, weights aside) and the g of
   * that count. Else (default 'export') the mean is weighted by the positives' weights.
   */
  userAggregationMode?: UserAggregationMode;
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
  const mixedUsers = () =>
    trainsWithAggregation({ ...mix, userAggregationMode: mix.userAggregationMode ?? 'export' })
      ? mixAsTrained(model, data, mix)
      : mixRows(userVectors, { sums: userSums, weights: userWeights, shares: userShares, dim }); // prettier-ignore
  return {
    ...model,
    userVectors: mix.userAggregation === 0 ? userVectors : mixedUsers(),
    itemVectors: mix.itemPropagation === 0 ? itemVectors : mixRows(itemVectors, { sums: itemSums, weights: itemWeights, shares: itemShares, dim }), // prettier-ignore
  };
}

/**
 * Each user with liked items as `BehaviourAnchor` scores them in training, (1 - g) u + g m with m the plain
 * mean of the distinct liked rows, in the same f64 operations (the sum times 1 / k, then the mix), so a
 * model exported from the tables training saw serves the anchors its loss saw.
 */
function mixAsTrained(
  model: TrainedEmbeddings,
  data: TrainingData,
  mix: BehaviourAggregation,
): Float32Array {
  const { dim, userVectors, itemVectors } = model;
  const liked = likedItemSet(data);
  const userMix = { share: mix.userAggregation, slope: mix.userAggregationSlope };
  const mixed = new Float32Array(userVectors);
  const mean = new Float64Array(dim);
  for (let user = 0; user < data.userCount; user++) {
    const first = liked.offsets[user];
    const end = liked.offsets[user + 1];
    if (end === first) continue;
    mean.fill(0);
    for (let j = first; j < end; j++) {
      const offset = liked.items[j] * dim;
      for (let d = 0; d < dim; d++) mean[d] += itemVectors[offset + d];
    }
    const scale = 1 / (end - first);
    const share = userMixShare(userMix, end - first);
    const keep = 1 - share;
    const row = user * dim;
    for (let d = 0; d < dim; d++)
      mixed[row + d] = keep * userVectors[row + d] + share * (mean[d] * scale);
  }
  return mixed;
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
