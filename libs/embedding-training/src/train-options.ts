import { catalogueDefaults, type CatalogueShape } from './catalogue-defaults';

/** Per-triplet losses; each has an analytic gradient (see `losses/`). */
export type LossName =
  'triplet' | 'squared-triplet' | 'cosine-triplet' | 'soft-margin' | 'bpr' | 'cosine-contrastive';

/** Sparse optimisers: they touch only the rows of the current example. */
export type OptimizerName = 'sgd' | 'adagrad' | 'row-adagrad' | 'lazy-adam';

/** Where the sampled negatives of a (user, liked item) pair come from. */
export type NegativeSource = 'uniform' | 'popularity' | 'explicit' | 'hardest' | 'semi-hard';

/**
 * How an example's K triplet losses combine: 'mean' (each weighs 1/K), 'sum', 'rank-weighted' (WARP /
 * CML: log(1 + estimated rank of the positive) spread over the triplets that violate the margin, so badly
 * ranked positives push harder), or 'softmax': log(1 + sum_k exp(v_k / softmaxTemperature)) over the
 * triplets' hinge arguments v_k (d(a, p) - d(a, n_k) + margin for `triplet`): a smooth maximum of the K
 * triplet losses (the N-pair / softmax cross-entropy form of the triplet loss), so the hardest negatives
 * weigh most and a pair keeps a small gradient past the margin. Hinge losses only.
 */
export type NegativeReduction = 'mean' | 'sum' | 'rank-weighted' | 'softmax';

/**
 * How the K hard negatives of a pair are picked: 'each' scores W candidates per negative and takes the
 * closest (K x W scored); 'top' scores one set of W candidates per pair and takes its K closest (W scored;
 * with the 'softmax' reduction the closest weighs most).
 */
export type HardNegativeSelection = 'each' | 'top';

/**
 * The order of an epoch's examples: 'by-user' visits users in random order and each user's examples in
 * random order (cache-friendly: about twice the throughput on large tables); 'shuffled' is a uniform
 * permutation (used whenever in-batch negatives are on, since they need mixed batches).
 */
export type ExampleOrder = 'by-user' | 'shuffled';

/**
 * Where hardest-of-W / semi-hard candidates are scored: 'fresh' reads W random rows of the item table per
 * pick; 'block' scores W entries of a per-thread block of uniform item rows copied contiguously (the same
 * candidate distribution from cache; see negatives/candidate-block.ts); 'mirror' scores W random ids of a
 * per-thread int8 copy of the whole item table (see negatives/candidate-mirror.ts).
 */
export type HardCandidateSource = 'fresh' | 'block' | 'mirror';

/**
 * Where behaviour aggregation (`userAggregation`) applies: 'export' mixes each exported user vector with
 * the mean of its liked items; 'train' also scores and trains every user as that mix (SimpleX), so the
 * exported vector is the one the loss saw (see aggregation/behaviour-anchor.ts).
 */
export type UserAggregationMode = 'export' | 'train';

/**
 * 'on' trains whole user visits (a user's pairs and explicit triplets of an epoch, with their picks and
 * steps) in one WebAssembly call per few thousand work items wherever the options allow it (the
 * large-catalogue defaults, see user-visits/); 'off' always composes the example builder,
 * sampler and triplet step: the same model, ~1.4x slower on Gowalla.
 */
export type VisitKernelMode = 'on' | 'off';

/** In-batch negatives: the liked items of the other pairs of the batch. */
export type InBatchMode = 'none' | 'batch-all' | 'batch-hard';

/** Everything that shapes a training run; see `defaultTrainOptions` for the values used when omitted. */
export interface TrainOptions {
  /** Embedding dimension. */
  dim: number;
  epochs: number;
  learningRate: number;
  /** Margin of the hinge losses (for 'cosine-contrastive': the similarity above which a negative costs). */
  margin: number;
  /** Same seed, same data, `threads: 1` -> bit-identical embeddings. */
  seed: number;
  loss: LossName;
  optimizer: OptimizerName;
  /** Sampled negatives per (user, liked item) pair. */
  negativesPerPositive: number;
  negativeReduction: NegativeReduction;
  /** 'softmax' reduction only: the temperature tau of exp(v / tau) (in units of the loss's scores). */
  softmaxTemperature: number;
  /** Hard negatives of a pair: each the closest of its own W candidates, or the K closest of one W. */
  hardNegativeSelection: HardNegativeSelection;
  /** Relative weights of the negative sources (missing = 0); normalised. */
  negativeMix: Partial<Record<NegativeSource, number>>;
  /** Candidates scored per 'hardest' / 'semi-hard' negative (W of CML's hardest-of-W). */
  hardNegativeCandidates: number;
  /**
   * Temperature t of a hard pick: t > 0 draws each 'hardest' pick from softmax(score / t) over its W
   * candidates (score = -0.5 squared distance to the anchor; Gumbel-max: the highest of score + t x
   * Gumbel noise) instead of taking the highest, so a pick is mostly among the closest few but not always
   * the closest (fewer not-yet-met likes as negatives). 0 takes the hardest. Only the whole-visit kernel
   * (`visitKernel` on, with its combination: `userVisitsApply`) trains it; by catalogue (resolved in
   * `resolveTrainOptions`): 0.05 with 2.5 times the tuned W and three negatives where that kernel trains a
   * large catalogue, else 0.
   */
  hardNegativeTemperature: number;
  /**
   * Picks each scored hard candidate serves: 1 scores W fresh candidates per pick; R > 1 scores a pool of
   * uniform candidates once per user (about W x picks / R rows) and picks the closest of W draws from it.
   */
  hardCandidateReuse: number;
  /**
   * 'block' (the default from 10,000 items): each pick scores W entries of a block of uniform item rows
   * copied into cache (a user's picks take disjoint slices; W / 16 rows are replaced per pick); 'fresh' (the
   * default below): W random table rows per pick; 'mirror': W random rows of an int8 copy of the whole item
   * table (one cache line per row at dim 64), kept in step with the live rows. Ignored when
   * `hardCandidateReuse` > 1.
   */
  hardCandidateSource: HardCandidateSource;
  /**
   * The exported tables are the mean of the tables after each of the last floor(epochs x share) epochs
   * (Polyak / stochastic weight averaging; 0 or fewer than 2 epochs: the last epoch's tables). Gowalla, 20%
   * carve, all users, 50 epochs: the mean of the epoch 30, 40 and 50 tables scored +1.0% Recall@20 / +0.6%
   * NDCG@20 over epoch 50's (README, "Lead's full-data runs").
   */
  averagedEpochShare: number;
  /** Hard sources ramp linearly from 0 to their weight over this many epochs (uniform takes the rest). */
  hardNegativeWarmupEpochs: number;
  /** Popularity sampling draws item i with probability proportional to count(i)^exponent. */
  popularityExponent: number;
  inBatchNegatives: InBatchMode;
  exampleOrder: ExampleOrder;
  /** Pairs per batch (matters for in-batch negatives and the tfjs engine). */
  batchSize: number;
  /** Loss weight of an explicit (user, liked, unliked) triplet relative to a positive pair of weight 1. */
  explicitTripletWeight: number;
  /** 'cosine-contrastive' only: weight of the negative term against the positive term. */
  negativeWeight: number;
  /** Rows are projected back into the ball of this radius after every update (0 = no clipping). */
  maxNorm: number;
  /** L2 penalty added to the gradient of every updated row. */
  l2: number;
  /** Standard deviation of the normal initialisation. */
  initStd: number;
  adamBeta1: number;
  adamBeta2: number;
  epsilon: number;
  /**
   * Behaviour aggregation (SimpleX): weight of the mean of the user's liked item vectors in the exported
   * user vector (0 = the trained vector); with `userAggregationMode` 'train' also in the trained anchor.
   */
  userAggregation: number;
  /**
   * How a user's g follows their liked count k: logit(g_u) = logit(g) + slope x ln(k / 20), so
   * `userAggregation` is g at 20 liked items and 0 gives every user the same g (`userMixShare`). Negative:
   * a user with many liked items leans on their own row, one with few on the mean of their items. A g of
   * 0 or 1 ignores it.
   */
  userAggregationSlope: number;
  userAggregationMode: UserAggregationMode;
  /**
   * Export-time propagation (LightGCN, one step): weight of the mean of the likers' vectors in an item's.
   * Off by default: it helped while users were only mixed at export (0.25 from 10,000 items until the fifth
   * sitting), but with users trained as the mix and two hardest negatives Gowalla lost with it (20% carve,
   * 50 epochs, one run each: a 0 0.2074 / 0.1452, 0.1 0.2071 / 0.1453, 0.25 0.2063 / 0.1444, 0.4 0.2053 /
   * 0.1433 Recall@20 / NDCG@20): the item rows the loss trained already sit where the anchors see them.
   */
  itemPropagation: number;
  /** Worker threads (Hogwild over shared tables). 1 trains in the calling thread, deterministically. */
  threads: number;
  /** 'kernel' = typed-array kernel; 'tfjs' = the same model through TensorFlow.js (slow reference). */
  engine: 'kernel' | 'tfjs';
  /** Whole user visits in one kernel where the options allow it ('on'), or never ('off'). */
  visitKernel: VisitKernelMode;
}

/** The seed of a run that names none; data preparation that draws (explicit triplets' pairing) uses it too. */
export const DEFAULT_SEED = 42;

/**
 * Defaults that train a good model without per-run tuning (see the README's "Measured"): the Euclidean
 * triplet hinge with hardest-of-W negatives, rank-weighted; the margin, W, the negatives per positive and
 * the rate chosen by catalogue size, W also by how densely its items are liked (`catalogueDefaults`).
 */
export function defaultTrainOptions(shape: CatalogueShape): TrainOptions {
  return {
    dim: 64,
    epochs: 50,
    seed: DEFAULT_SEED,
    loss: 'triplet',
    optimizer: 'row-adagrad',
    ...catalogueDefaults(shape),
    negativeReduction: 'rank-weighted',
    softmaxTemperature: 0.05,
    hardNegativeSelection: 'each',
    negativeMix: { hardest: 1 },
    hardNegativeWarmupEpochs: 6,
    hardCandidateReuse: 1,
    hardNegativeTemperature: 0,
    averagedEpochShare: 0.4,
    itemPropagation: 0,
    popularityExponent: 0.75,
    inBatchNegatives: 'none',
    exampleOrder: 'by-user',
    batchSize: 256,
    explicitTripletWeight: 1,
    negativeWeight: 1,
    maxNorm: 1,
    l2: 0,
    initStd: 0.1,
    adamBeta1: 0.9,
    adamBeta2: 0.999,
    epsilon: 1e-8,
    threads: 1,
    engine: 'kernel',
    visitKernel: 'on',
  };
}
