import type { TrainedEmbeddings, TrainingData } from '@recsys/embedding-training';
import { buildUserItemSets } from '@recsys/ranking-metrics';
import { USER_MIX_PIVOT } from '../../libs/embedding-training/src/aggregation/user-mix-share';
import { aggregateBehaviour } from '../../libs/embedding-training/src/export/aggregate-behaviour';
import { implicitFoldIn } from './implicit-fold-in';

/** `userAggregationSlope`: how the g of a variant follows each user's liked count (the run's option). */
type ExportVariant = (
  model: TrainedEmbeddings,
  data: TrainingData,
  userAggregationSlope: number,
) => TrainedEmbeddings;

const mix =
  (userAggregation: number, itemPropagation: number): ExportVariant =>
  (model, data, userAggregationSlope) =>
    aggregateBehaviour(model, data, { userAggregation, userAggregationSlope, itemPropagation });

/**
 * Layered propagation: U_{k+1} = mean of I_k over the user's items, I_{k+1} = mean of U_k over the item's
 * likers (neighbour j weighted by degree_j^-beta), final = sum_k c_k U_k (users) and d_k I_k (items).
 */
const layers =
  (c: number[], d: number[], beta = 0, betaTarget = 0): ExportVariant =>
  (model, data) => {
    const { dim } = model;
    const userCount = model.userVectors.length / dim;
    const itemCount = model.itemVectors.length / dim;
    const { users, items } = data.positives;
    const userDegree = new Float64Array(userCount);
    const itemDegree = new Float64Array(itemCount);
    for (let k = 0; k < users.length; k++) {
      userDegree[users[k]]++;
      itemDegree[items[k]]++;
    }
    const depth = Math.max(c.length, d.length);
    let u = model.userVectors;
    let i = model.itemVectors;
    const outU = scaled(u, c[0] ?? 0);
    const outI = scaled(i, d[0] ?? 0);
    for (let layer = 1; layer < depth; layer++) {
      const nextU = neighbourMean(i, { from: items, to: users, toCount: userCount, dim, fromDegree: itemDegree, beta, fallback: model.userVectors }); // prettier-ignore
      const nextI = neighbourMean(u, { from: users, to: items, toCount: itemCount, dim, fromDegree: userDegree, beta: betaTarget, fallback: model.itemVectors }); // prettier-ignore
      addScaled(outU, nextU, c[layer] ?? 0, model.userVectors);
      addScaled(outI, nextI, d[layer] ?? 0, model.itemVectors);
      u = nextU.vectors;
      i = nextI.vectors;
    }
    return { ...model, userVectors: outU, itemVectors: outI };
  };

function scaled(rows: Float32Array, weight: number): Float32Array {
  return rows.map((value) => weight * value);
}

/** Rows without neighbours take the original row's share (they stay as trained). */
function addScaled(
  out: Float32Array,
  layer: { vectors: Float32Array; has: Uint8Array },
  weight: number,
  original: Float32Array,
): void {
  if (weight === 0) return;
  const dim = out.length / layer.has.length;
  for (let r = 0; r < layer.has.length; r++) {
    const source = layer.has[r] ? layer.vectors : original;
    for (let k = r * dim; k < (r + 1) * dim; k++) out[k] += weight * source[k];
  }
}

function neighbourMean(
  source: Float32Array,
  edges: { from: Int32Array; to: Int32Array; toCount: number; dim: number; fromDegree: Float64Array; beta: number; fallback: Float32Array }, // prettier-ignore
): { vectors: Float32Array; has: Uint8Array } {
  const { from, to, toCount, dim, fromDegree, beta, fallback } = edges;
  const sums = new Float64Array(toCount * dim);
  const weights = new Float64Array(toCount);
  for (let k = 0; k < from.length; k++) {
    const w = beta === 0 ? 1 : Math.pow(fromDegree[from[k]], -beta);
    const so = from[k] * dim;
    const to0 = to[k] * dim;
    for (let x = 0; x < dim; x++) sums[to0 + x] += w * source[so + x];
    weights[to[k]] += w;
  }
  const vectors = new Float32Array(fallback);
  const has = new Uint8Array(toCount);
  for (let r = 0; r < toCount; r++) {
    if (weights[r] === 0) continue;
    has[r] = 1;
    for (let x = r * dim; x < (r + 1) * dim; x++) vectors[x] = sums[x] / weights[r];
  }
  return { vectors, has };
}

const userScale =
  (scale: number, base: ExportVariant): ExportVariant =>
  (model, data, slope) => {
    const mixed = base(model, data, slope);
    return { ...mixed, userVectors: mixed.userVectors.map((value) => value * scale) };
  };

/**
 * The model with one more coordinate: 0 for every user, `itemExtra(i)` for item i. The squared distance
 * then gains itemExtra(i)^2, a per-item term nearest-neighbour search over the widened rows still ranks by.
 */
function withItemCoordinate(
  model: TrainedEmbeddings,
  itemExtra: (item: number) => number,
): TrainedEmbeddings {
  const { dim } = model;
  const widen = (rows: Float32Array, extra: (row: number) => number): Float32Array => {
    const count = rows.length / dim;
    const out = new Float32Array(count * (dim + 1));
    for (let r = 0; r < count; r++) {
      out.set(rows.subarray(r * dim, (r + 1) * dim), r * (dim + 1));
      out[r * (dim + 1) + dim] = extra(r);
    }
    return out;
  };
  return {
    ...model,
    dim: dim + 1,
    userVectors: widen(model.userVectors, () => 0),
    itemVectors: widen(model.itemVectors, itemExtra),
  };
}

/**
 * An item prior b_i = beta * log(1 + likes of i) added to the Euclidean score, folded into one extra
 * coordinate (items sqrt(max b - b_i), users 0) so that nearest-neighbour search still ranks by it.
 */
const popularityPrior =
  (beta: number, base: ExportVariant): ExportVariant =>
  (model, data, slope) => {
    const mixed = base(model, data, slope);
    const counts = new Float64Array(mixed.itemVectors.length / mixed.dim);
    for (const item of data.positives.items) counts[item]++;
    const prior = counts.map((count) => beta * Math.log1p(count));
    const top = prior.reduce((a, b) => Math.max(a, b), 0);
    return withItemCoordinate(mixed, (item) => Math.sqrt(top - prior[item]));
  };

/**
 * Items ranked by 2 u.i - lambda ||i||^2 instead of the Euclidean order (lambda 1): how much the rows'
 * norms should count. Folded into one extra coordinate (items sqrt(c + (lambda - 1) ||i||^2), c the
 * smallest constant that keeps every root real; users 0). Applied to the tables as given, with no mix:
 * for a model trained with the mix (cached with --averaged) those are the served vectors.
 */
const normWeight =
  (lambda: number): ExportVariant =>
  (model) => {
    const { dim, itemVectors } = model;
    const shifts = Float64Array.from({ length: itemVectors.length / dim }, (_, item) => {
      let squaredNorm = 0;
      for (let k = item * dim; k < (item + 1) * dim; k++) squaredNorm += itemVectors[k] ** 2;
      return (lambda - 1) * squaredNorm;
    });
    const floor = shifts.reduce((a, b) => Math.min(a, b), 0);
    return withItemCoordinate(model, (item) => Math.sqrt(shifts[item] - floor));
  };

/**
 * Each served user vector scaled by (k / 20)^c, k the user's distinct liked items (the count training's
 * g follows, around the same pivot): the user ranks by 2 h.i - (k / 20)^-c ||i||^2.
 */
const scaleByCount =
  (c: number): ExportVariant =>
  (model, data) => {
    const { dim } = model;
    const liked = buildUserItemSets({
      userCount: model.userVectors.length / dim,
      users: data.positives.users,
      items: data.positives.items,
    });
    const userVectors = model.userVectors.map((value, at) => {
      const user = Math.floor(at / dim);
      const k = liked.offsets[user + 1] - liked.offsets[user];
      return k === 0 ? value : value * Math.pow(k / USER_MIX_PIVOT, c);
    });
    return { ...model, userVectors };
  };

/** `implicitFoldIn` (implicit-fold-in.ts) with one setting, applied to the tables as given. */
const foldIn =
  (alpha: number, lambda: number, c: number): ExportVariant =>
  (model, data) =>
    implicitFoldIn(model, data, { alpha, lambda, c });

/** Export-time variants scored by export-sweep.ts on one trained model. */
export const EXPORT_VARIANTS: Record<string, ExportVariant> = {
  none: mix(0, 0),
  'g0.75-a0.25': mix(0.75, 0.25),
  // For tables trained with --user-aggregation-mode train at the same g (the export then serves the
  // anchor the loss saw), with and without the item propagation step.
  'g0.75-a0': mix(0.75, 0),
  'g0.5-a0': mix(0.5, 0),
  'g0.5-a0.25': mix(0.5, 0.25),
  'g0.25-a0': mix(0.25, 0),
  'g0.1-a0': mix(0.1, 0),
  'g0.25-a0.25': mix(0.25, 0.25),
  'L-c.25,.5625,.1875-d.75,.25': layers([0.25, 0.5625, 0.1875], [0.75, 0.25]),
  'L-c.2,.6,.2-d.6,.2,.2': layers([0.2, 0.6, 0.2], [0.6, 0.2, 0.2]),
  'L-c.25,.75-d.75,.25-b.5u': layers([0.25, 0.75], [0.75, 0.25], 0.5, 0),
  'L-c.25,.75-d.75,.25-b.25u': layers([0.25, 0.75], [0.75, 0.25], 0.25, 0),
  'L-c.25,.75-d.75,0,.25': layers([0.25, 0.75], [0.75, 0, 0.25]),
  'L-c.25,.5,.25-d.75,.25': layers([0.25, 0.5, 0.25], [0.75, 0.25]),
  'L-c.1,.9-d.75,.25': layers([0.1, 0.9], [0.75, 0.25]),
  'L-c.25,.75-d.5,.5': layers([0.25, 0.75], [0.5, 0.5]),
  'S0.85-none': userScale(0.85, mix(0, 0)),
  'L-c.25,.75-d.6,.2,.2': layers([0.25, 0.75], [0.6, 0.2, 0.2]),
  'S0.7': userScale(0.7, mix(0.75, 0.25)),
  'S1.4': userScale(1.4, mix(0.75, 0.25)),
  S2: userScale(2, mix(0.75, 0.25)),
  'S0.7-none': userScale(0.7, mix(0, 0)),
  'S1.4-none': userScale(1.4, mix(0, 0)),
  'P0.005': popularityPrior(0.005, mix(0.75, 0.25)),
  'P0.01': popularityPrior(0.01, mix(0.75, 0.25)),
  'P0.02': popularityPrior(0.02, mix(0.75, 0.25)),
  'P0.04': popularityPrior(0.04, mix(0.75, 0.25)),
  'P0.08': popularityPrior(0.08, mix(0.75, 0.25)),
  'P-0.01': popularityPrior(-0.01, mix(0.75, 0.25)),
  // The same priors over the export without item propagation (the default since the fifth sitting).
  'P0.01-a0': popularityPrior(0.01, mix(0.75, 0)),
  'P0.02-a0': popularityPrior(0.02, mix(0.75, 0)),
  'P0.04-a0': popularityPrior(0.04, mix(0.75, 0)),
  'N0.75': normWeight(0.75),
  'N0.9': normWeight(0.9),
  'N1.1': normWeight(1.1),
  'N1.25': normWeight(1.25),
  // User vectors scaled by their liked count (scaleByCount), named K<c>: how much the items' norms count
  // in each user's order, light users apart from heavy.
  'K-0.2': scaleByCount(-0.2),
  'K-0.1': scaleByCount(-0.1),
  'K-0.05': scaleByCount(-0.05),
  'K0.05': scaleByCount(0.05),
  'K0.1': scaleByCount(0.1),
  'K0.2': scaleByCount(0.2),
  // The served vector plus c x the user's implicit-ALS fold-in against the item rows, named
  // F<alpha>,<lambda>,<c>; c 100: the fold-in alone.
  'F20,1,0.05': foldIn(20, 1, 0.05),
  'F20,1,0.2': foldIn(20, 1, 0.2),
  'F20,1,1': foldIn(20, 1, 1),
  'F20,1,100': foldIn(20, 1, 100),
  'F5,0.1,0.05': foldIn(5, 0.1, 0.05),
  'F5,0.1,100': foldIn(5, 0.1, 100),
  'F100,10,0.2': foldIn(100, 10, 0.2),
  'F100,10,100': foldIn(100, 10, 100),
};
