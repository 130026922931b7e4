// node bench/run.js bench/quality/multi-anchor.ts CACHE_FILE [VARIANT ...]
// Scores a served Gowalla model (cached by `export-sweep.ts gowalla CACHE --averaged
// --user-aggregation-mode train --variants none`) on the 20% carve with several anchors per user: the
// user's liked items split by c-means, each cluster its own anchor (1 - g) u + g x (the cluster's mean),
// an item ranked by its distance to the nearest anchor (+ beta ln(k / cluster size)). Asks whether a
// user whose check-ins span several places loses NDCG@20 to the one mean the served vector mixes.
// VARIANT: comma-separated c=N (clusters, 1 = as served), min=K / max=K (users split by liked count k),
// g=user|cluster (the anchor's g from the user's k or the cluster's size), beta=B. Default: c=1.
import { resolveTrainOptions } from '@recsys/embedding-training';
import { userMetricsAtK, type UserItemSets } from '@recsys/ranking-metrics';
import { buildScoringTables } from '../../libs/ranking-metrics/src/scoring-tables';
import { rankTopK } from '../../libs/ranking-metrics/src/rank-top-k';
import { userMixShare } from '../../libs/embedding-training/src/aggregation/user-mix-share';
import { loadGowallaCarveSets } from './gowalla-carve-sets';
import { loadModel } from './model-cache';

const K = 20;

/** The user mix of the catalogue's defaults (the one the cached default model was trained and served with). */
interface UserMix {
  share: number;
  slope: number;
}

interface Variant {
  clusters: number;
  minLiked: number;
  maxLiked: number;
  gRule: 'user' | 'cluster';
  beta: number;
}

function parseVariant(text: string): Variant {
  const variant: Variant = { clusters: 1, minLiked: 4, maxLiked: Infinity, gRule: 'user', beta: 0 };
  for (const part of text.split(',')) {
    const [key, value = ''] = part.split('=');
    if (key === 'g') {
      if (value !== 'user' && value !== 'cluster')
        throw new Error(`variant ${text}: g=user|cluster`);
      variant.gRule = value;
      continue;
    }
    const number = Number(value);
    if (value === '' || !Number.isFinite(number)) {
      throw new Error(`variant ${text}: ${key} needs a number, got "${value}"`);
    }
    if (key === 'c' && Number.isInteger(number) && number >= 1) variant.clusters = number;
    else if (key === 'min' && number >= 0) variant.minLiked = number;
    else if (key === 'max' && number >= 0) variant.maxLiked = number;
    else if (key === 'beta') variant.beta = number;
    else throw new Error(`variant ${text}: unknown key or out of range: ${part} (c=N>=1, min=K, max=K, g, beta)`); // prettier-ignore
  }
  return variant;
}

/** Every user's anchors: rows, their owner (consecutive per user) and distance penalty. */
interface Anchors {
  vectors: Float32Array;
  owner: Int32Array;
  penalty: Float64Array;
}

function buildAnchors(
  served: { userVectors: Float32Array; itemVectors: Float32Array; dim: number },
  train: UserItemSets,
  variant: Variant,
  mix: UserMix,
): Anchors {
  const { dim, itemVectors: items } = served;
  const userCount = train.offsets.length - 1;
  const rows: number[] = [];
  const owner: number[] = [];
  const penalty: number[] = [];
  const shareOf = (k: number) => userMixShare(mix, k);
  for (let user = 0; user < userCount; user++) {
    const liked = train.items.subarray(train.offsets[user], train.offsets[user + 1]);
    const k = liked.length;
    const h = served.userVectors.subarray(user * dim, (user + 1) * dim);
    if (variant.clusters < 2 || k < variant.minLiked || k > variant.maxLiked) {
      rows.push(...h);
      owner.push(user);
      penalty.push(0);
      continue;
    }
    // The free row u from the served mix h = (1 - g) u + g m.
    const g = shareOf(k);
    const m = meanOf(items, dim, liked);
    const u = h.map((value, d) => (value - g * m[d]) / (1 - g));
    const assignment = cMeans(items, dim, liked, variant.clusters);
    for (let c = 0; c < variant.clusters; c++) {
      const members = liked.filter((_, j) => assignment[j] === c);
      if (members.length === 0) continue;
      const share = variant.gRule === 'user' ? g : shareOf(members.length);
      const centre = meanOf(items, dim, members);
      for (let d = 0; d < dim; d++) rows.push((1 - share) * u[d] + share * centre[d]);
      owner.push(user);
      penalty.push(variant.beta * Math.log(k / members.length));
    }
  }
  return {
    vectors: Float32Array.from(rows),
    owner: Int32Array.from(owner),
    penalty: Float64Array.from(penalty),
  };
}

function meanOf(items: Float32Array, dim: number, members: Int32Array): Float64Array {
  const mean = new Float64Array(dim);
  for (const item of members) {
    for (let d = 0; d < dim; d++) mean[d] += items[item * dim + d] / members.length;
  }
  return mean;
}

function squaredDistance(
  a: Float32Array,
  ao: number,
  b: Float32Array | Float64Array,
  bo: number,
  dim: number,
): number {
  let sum = 0;
  for (let d = 0; d < dim; d++) {
    const diff = a[ao + d] - b[bo + d];
    sum += diff * diff;
  }
  return sum;
}

/** c-means of the liked rows: farthest-point seeds (from the mean), 10 rounds of Lloyd's steps. */
function cMeans(items: Float32Array, dim: number, liked: Int32Array, clusters: number): Int32Array {
  const centres: Float64Array[] = [];
  let reference = meanOf(items, dim, liked);
  for (let c = 0; c < clusters; c++) {
    let far = 0;
    let farthest = -1;
    liked.forEach((item, j) => {
      let nearest = squaredDistance(items, item * dim, reference, 0, dim);
      for (const centre of centres) {
        nearest = Math.min(nearest, squaredDistance(items, item * dim, centre, 0, dim));
      }
      if (nearest > farthest) {
        farthest = nearest;
        far = j;
      }
    });
    reference = Float64Array.from(items.subarray(liked[far] * dim, (liked[far] + 1) * dim));
    centres.push(reference);
  }
  const assignment = new Int32Array(liked.length);
  for (let round = 0; round < 10; round++) {
    liked.forEach((item, j) => {
      let best = Infinity;
      centres.forEach((centre, c) => {
        const distance = squaredDistance(items, item * dim, centre, 0, dim);
        if (distance < best) {
          best = distance;
          assignment[j] = c;
        }
      });
    });
    centres.forEach((centre, c) => {
      const members = liked.filter((_, j) => assignment[j] === c);
      if (members.length > 0) centre.set(meanOf(items, dim, members));
    });
  }
  return assignment;
}

/** Recall@K / NDCG@K with each user's list merged from their anchors' top K by the nearest anchor. */
function scoreAnchors(
  anchors: Anchors,
  items: Float32Array,
  dim: number,
  sets: { train: UserItemSets; test: UserItemSets },
): { recall: number; ndcg: number } {
  const { train, test } = sets;
  const { vectors, owner, penalty } = anchors;
  const count = owner.length;
  const excludeOffsets = new Int32Array(count + 1);
  owner.forEach((user, a) => {
    excludeOffsets[a + 1] = excludeOffsets[a] + train.offsets[user + 1] - train.offsets[user];
  });
  const excludeItems = new Int32Array(excludeOffsets[count]);
  owner.forEach((user, a) => {
    excludeItems.set(
      train.items.subarray(train.offsets[user], train.offsets[user + 1]),
      excludeOffsets[a],
    );
  });
  const tables = buildScoringTables({ dim, metric: 'neg-l2', userVectors: new Float32Array(dim), itemVectors: items }); // prettier-ignore
  const ranked = rankTopK(tables, { userVectors: vectors, excludeOffsets, excludeItems, k: K });
  let recall = 0;
  let ndcg = 0;
  let users = 0;
  const list = new Int32Array(K);
  for (let first = 0; first < count;) {
    const user = owner[first];
    let end = first;
    while (end < count && owner[end] === user) end++;
    const relevant = test.items.subarray(test.offsets[user], test.offsets[user + 1]);
    if (relevant.length > 0) {
      // An item in the merged top K is in the top K of its nearest anchor, so the anchors' lists suffice.
      const best = new Map<number, number>();
      for (let a = first; a < end; a++) {
        for (const item of ranked.subarray(a * K, (a + 1) * K)) {
          if (item < 0) continue;
          const score =
            Math.sqrt(squaredDistance(vectors, a * dim, items, item * dim, dim)) + penalty[a];
          if (score < (best.get(item) ?? Infinity)) best.set(item, score);
        }
      }
      list.fill(-1);
      [...best.entries()]
        .sort((x, y) => x[1] - y[1])
        .slice(0, K)
        .forEach(([item], rank) => (list[rank] = item));
      const metrics = userMetricsAtK(list, relevant, K);
      recall += metrics.recall;
      ndcg += metrics.ndcg;
      users++;
    }
    first = end;
  }
  return { recall: recall / users, ndcg: ndcg / users };
}

function main(argv: string[]): void {
  const [cacheFile, ...variants] = argv;
  if (!cacheFile) throw new Error('usage: multi-anchor.ts CACHE_FILE [VARIANT ...]');
  const parsed = (variants.length > 0 ? variants : ['c=1']).map((text) => ({ text, variant: parseVariant(text) })); // prettier-ignore
  const model = loadModel(cacheFile);
  const { table, split, train, test } = loadGowallaCarveSets();
  const sets = { train, test };
  const shape = { itemCount: table.itemIds.length, positivePairs: split.trainRows.length };
  const defaults = resolveTrainOptions({}, shape);
  const mix = { share: defaults.userAggregation, slope: defaults.userAggregationSlope };
  for (const { text, variant } of parsed) {
    const anchors = buildAnchors(model, sets.train, variant, mix);
    const { recall, ndcg } = scoreAnchors(anchors, model.itemVectors, model.dim, sets);
    process.stdout.write(
      `${JSON.stringify({ variant: text, anchors: anchors.owner.length, recall: round(recall), ndcg: round(ndcg) })}\n`,
    );
  }
}

function round(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}

main(process.argv.slice(2));
