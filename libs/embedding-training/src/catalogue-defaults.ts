import type { TrainingData } from './training-data';
import type { TrainOptions } from './train-options';

/** What the size- and density-dependent defaults look at. */
export interface CatalogueShape {
  itemCount: number;
  /** The (user, liked item) pairs the run trains on: with `itemCount`, how densely the items are liked. */
  positivePairs: number;
}

/** The shape of the data a run trains on. */
export function catalogueShapeOf(data: TrainingData): CatalogueShape {
  return { itemCount: data.itemCount, positivePairs: data.positives.users.length };
}

/**
 * Where a catalogue counts as large, for every size-dependent rule below: the rate's rise, train-time
 * behaviour aggregation, copied hard candidates and the margin all switch here. The measured catalogues
 * sit far on either side (MovieLens-100K 1,682 items, Gowalla 40,981): a large one's rows each get few
 * updates per epoch (so bigger steps, and a user leans on the mean of their items), and its f32 item
 * table (2.6 MB at dim 64 from 10,000 items) outgrows a core's L2 (1-2 MiB on the machines measured), so
 * picks score int8 copies.
 */
const LARGE_CATALOGUE_ITEMS = 10_000;

/**
 * Hardest-of-W picks about the item at rank itemCount / W of a user's unliked items. Rank ~200 worked
 * best on both MovieLens-100K (1,682 items: W 8-12 best; 16 lost 0.01 NDCG@10, 32 lost 0.07) and Gowalla
 * (40,981 items: recall@20 rose from W 16 to 32 to 128). Closer to the top, the "negatives" are mostly
 * items the user would like but has not met yet; in a catalogue of a few hundred items W falls to 1-2,
 * i.e. uniform sampling.
 */
const TARGET_NEGATIVE_RANK = 200;
/**
 * Candidates scored per positive pair at the tuned cap of W (W x negatives): the cost of hard mining stays
 * bounded; a density-raised W (below) keeps the cap's negatives and scores up to 1.5x this.
 * 256 gives Gowalla two hardest-of-128 per pair: +0.6-1.1% Recall@20 and +1.2-1.4% NDCG@20 over one in
 * every sitting that measured it (20% carve, 50 epochs; today block 0.2048 / 0.1428 -> 0.2071 / 0.1448,
 * mirror 0.2061 / 0.1445), affordable since the candidate mirror (94 s of training against 64 s for one).
 */
const CANDIDATE_BUDGET = 256;
/**
 * W at most where items are liked as densely as in the data W was tuned on: hardest of 256 lost Recall@20
 * on Gowalla's 20% carve with NDCG@20 level (0.2024 / 0.1430 against 0.2048 / 0.1428 for hardest of 128,
 * one per pair, 50 epochs).
 */
const MAX_CANDIDATES = 128;
/**
 * Positive pairs per item of that data (Gowalla's 20% carve of train.txt: 15.8; rounded up, so that its own
 * W stays 128). Denser data lifts the cap on W by the square of its density over this, at most 1.5x
 * (`densityFactor`; W 192, the most measured): the better a user's likes are known, the fewer of the closest
 * unliked items are likes not yet seen, so harder picks pay. Gowalla at four densities of train.txt
 * (README, "Eighteenth sitting"), hardest of W against 128, NDCG@20: at 12.6 pairs per item W 96 level,
 * 192 -1.0%; at 15.8 W 160-192 level; at 17.8 W 160-256 +0.3-1.0%; at 18.8 W 192 +1.6% (three seeds,
 * Recall@20 +0.8%), 256 no more NDCG@20 and -1.4% Recall@20 against 192. The square gives W 159 at 17.8,
 * 177 at 18.8 (as good as 192 there) and 192 (capped; 195 by the square) on all of train.txt (19.8): about
 * the cheapest W where the gain starts at each measured density, carried one step further.
 */
const TUNED_PAIRS_PER_ITEM = 16;
const MAX_DENSITY_FACTOR = 1.5;
const MAX_NEGATIVES_PER_POSITIVE = 4;
/**
 * Row-Adagrad's base rate: 0.075 up to a large catalogue, rising with sqrt(itemCount) to 0.15 at 40,000
 * items and above. Each row of a big, sparse catalogue gets few updates per epoch and needs bigger steps to
 * converge in the same epochs (Gowalla, 30 epochs: recall@20 0.198 at 0.05, 0.202 at 0.1, 0.198 at
 * 0.2; where the mix trains, 0.15 beat 0.1, see `USER_AGGREGATION`). Up to 10,000 items the rate was
 * 0.05 until the rank-weighted reduction and the small-catalogue margin below: with them and positives
 * weighted by rating, MovieLens-100K's 10% validation carve (5 seeds) scored NDCG@10 0.1803 at 0.08 /
 * 0.1804 at 0.075 against 0.1794 at 0.05 (README, "Twelfth sitting"); 0.075 keeps one rule for all sizes.
 */
const BASE_LEARNING_RATE = 0.075;
const MAX_LEARNING_RATE_FACTOR = 2;
/**
 * Up to this catalogue size the copies are the candidate mirror (an int8 copy of every item row per thread:
 * 64 MB at a million items and dim 64), beyond it the block (1 MiB per thread). On Gowalla with two
 * hardest-of-128 per pair the mirror trained 28% faster than the block (94 s against 131 s, 50 epochs, 2
 * threads) at the same Recall@20 / NDCG@20 within noise (0.2061 / 0.1445 against 0.2071 / 0.1448): a
 * heavy user's later picks need no fresh copies, and no entry is shared by several users' picks.
 */
const CANDIDATE_MIRROR_MAX_ITEMS = 1_000_000;
/**
 * g of the trained mix (with the rate above, 0.15 on Gowalla). Gowalla 20% carve, all users, 50 epochs,
 * 2 threads, paired runs of the same seed (42 / 43 / 44): g 0.6 at lr 0.15 against g 0.75 at 0.1 gave
 * Recall@20 0.2087 / 0.2081 / 0.2074 against 0.2073 / 0.2083 / 0.2069 and NDCG@20 0.1463 / 0.1457 /
 * 0.1453 against 0.1448 / 0.1453 / 0.1444 (+0.3% / +0.6% on average, NDCG up in all three; one seed
 * apart: g 0.4 / 0.5 / 0.6 / 0.85 at 0.1 level within 0.001, lr 0.2 0.2082 / 0.1461).
 */
const USER_AGGREGATION = 0.6;
/**
 * g by liked count (`userAggregationSlope`): at -1, g_k = 30 / (30 + k) for g 0.6 at 20 liked items,
 * so a heavy user's own row (trained by many examples) outweighs the mean of their many, scattered
 * items, and a light user leans on the mean. Gowalla 20% carve, 50 epochs, 2 threads, against one g 0.6
 * for all: NDCG@20 up in five paired runs (seeds 42 and 43 twice each, 44: +0.7% to +1.4%), Recall@20
 * +0.7% on average; slopes -0.5 / -1.5 / -2 level or worse, +0.5 -1.6% NDCG@20.
 */
const USER_AGGREGATION_SLOPE = -1;
/**
 * The same catalogues also train with the mix (`userAggregationMode` 'train': users are scored and
 * trained as the vector the export serves). Gowalla 20% carve, all users, 50 epochs, 2 threads, seed 42,
 * exported g 0.75 / a 0.25: Recall@20 / NDCG@20 0.2034 / 0.1421 against 0.1990 / 0.1387 when only the
 * export mixes (+2.2% / +2.5%; `bench:quality -- gowalla` 0.2031 / 0.1417 against 0.1994 / 0.1388); a
 * third of the users at 10 epochs: +1.2% / +2.0% and +1.9% / +2.7%, for 7-35% more training CPU
 * (back-to-back pairs under changing load). Not below 10,000 items: MovieLens-100K's validation carve
 * moved by +0.001 NDCG@10 at g 0.25 (noise) for ~1.8x the CPU (its hard picks are cheap, so the mix's
 * own work shows).
 */
const USER_AGGREGATION_MODE = 'train';

/**
 * The hinge's margin: 0.35 below a large catalogue, 0.4 from it. A small catalogue's rows are each
 * trained by many users; MovieLens-100K (1,682 items), 10% validation carve of the protocol's training
 * part, 5 seeds, rank-weighted, rating-weighted positives: NDCG@10 0.1803 at 0.35 against 0.1797 at 0.4
 * (README, "Twelfth sitting"). Gowalla wants 0.4: margin 0.35 / 0.4 / 0.45 gave 0.2064 / 0.2079 / 0.2086
 * Recall@20 and 0.1450 / 0.1456 / 0.1456 NDCG@20 ("Sixth sitting").
 */
const SMALL_CATALOGUE_MARGIN = 0.35;
const MARGIN = 0.4;

/**
 * The defaults that depend on the catalogue: the margin (smaller in small catalogues); W
 * (`hardNegativeCandidates`) ~ itemCount / 200, capped at 128 (more where items are liked more densely);
 * as many negatives per positive (at most 4) as the candidate budget allows at the cap of 128; the
 * learning rate; behaviour aggregation (trained and exported) and the candidate mirror (or block) for
 * large catalogues.
 */
export function catalogueDefaults(
  shape: CatalogueShape,
): Pick<
  TrainOptions,
  | 'margin'
  | 'hardNegativeCandidates'
  | 'negativesPerPositive'
  | 'learningRate'
  | 'userAggregation'
  | 'userAggregationSlope'
  | 'userAggregationMode'
  | 'hardCandidateSource'
> {
  const byRank = Math.round(shape.itemCount / TARGET_NEGATIVE_RANK);
  // The negatives follow the tuned W, so a denser catalogue's harder picks keep as many of them.
  const negatives = clamp(
    Math.floor(CANDIDATE_BUDGET / tunedCandidates(shape.itemCount)),
    1,
    MAX_NEGATIVES_PER_POSITIVE,
  );
  const candidates = clamp(byRank, 1, Math.round(MAX_CANDIDATES * densityFactor(shape)));
  const rateFactor = clamp(
    Math.sqrt(shape.itemCount / LARGE_CATALOGUE_ITEMS),
    1,
    MAX_LEARNING_RATE_FACTOR,
  );
  const large = shape.itemCount >= LARGE_CATALOGUE_ITEMS;
  return {
    margin: large ? MARGIN : SMALL_CATALOGUE_MARGIN,
    hardNegativeCandidates: candidates,
    negativesPerPositive: negatives,
    learningRate: BASE_LEARNING_RATE * rateFactor,
    ...aggregationDefaults(large),
    hardCandidateSource: candidateSource(shape.itemCount, large),
  };
}

/**
 * Soft picks in large catalogues: each hard negative drawn from softmax(score / t) over W candidates
 * (`hardNegativeTemperature`; score = -0.5 squared distance) instead of the hardest of W, with 2.5 times
 * the tuned W, so a pick lands among the closest few of a larger set but is not always the closest (often a
 * like not yet met). Gowalla (README "Nineteenth sitting"), NDCG@20 / Recall@20 of this kernel's runs
 * against the hardest-of-W defaults of each density, seeds 42 / 43: 20% carve 0.1501 / 0.2118 and
 * 0.1499 / 0.2113 against 0.1474-0.1480 / 0.2087-0.2108; carve5 (the densest validation) 0.1125 / 0.2202
 * and 0.1125 / 0.2193 against 0.1116 / 0.2188 and 0.1110 / 0.2180 for hardest of 192 (the prototype:
 * 0.1502 / 0.1502 and 0.1133 / 0.1129). t 0.03-0.04 and W 192 gained less, t 0.08 and t 0.1 nothing or
 * lost, W 384 no more than 256 (less recall); t by the user's liked count lost ("Twentieth sitting").
 *
 * W 2.5 times the tuned one (320 on Gowalla), not twice: with three negatives a pair it gained at every
 * seed ("Twenty-first sitting": carve5, seeds 42-46, NDCG@20 0.1151 / 0.1146 / 0.1140 / 0.1140 / 0.1138
 * against 0.1135 / 0.1141 / 0.1139 / 0.1128 / 0.1136 for 256, +0.64% on average; Recall@20 level; on
 * the sparser carves +0.2% (10%) and -0.5% (20%): the gain grows with density). Twice was tuned with
 * two negatives, where W 384 gained nothing. More than 2.5 times gave less: W 352 0.1141 / 0.1144 at seeds
 * 42 / 43 ("Twenty-second sitting"), W 384 0.1143 at seed 42.
 *
 * Three negatives, not the hardest-of-W rule's two: a soft pick is a softer negative than the hardest,
 * and a third one gained at every seed once the noise table made a candidate cheaper ("Twentieth
 * sitting": carve5, seeds 42 / 43 / 44, NDCG@20 0.1135 / 0.1141 / 0.1139 against 0.1133 / 0.1130 /
 * 0.1131, Recall@20 +0.5% on average; the 20% carve 0.1516 / 0.2127 against 0.1502 / 0.2118 at seed 42;
 * a fourth added nothing).
 * The whole default run on train.txt: 203.8 s (three over W 320), 172.3 s for three over W 256, 131.6 s
 * for two (162.2 s for two with the noise's logs before the table). Only the whole-visit kernel draws
 * soft picks, so
 * `resolveTrainOptions` takes these where it trains the resolved options.
 */
const SOFT_PICK_TEMPERATURE = 0.05;
const SOFT_PICK_CANDIDATE_FACTOR = 2.5;
const SOFT_PICK_NEGATIVES = 3;

/** What a soft pick's defaults set: t, W and K. */
export type SoftPickOptions = Pick<
  TrainOptions,
  'hardNegativeTemperature' | 'hardNegativeCandidates' | 'negativesPerPositive'
>;

/** A large catalogue's soft picks (see `SOFT_PICK_TEMPERATURE`); null below one. */
export function softPickDefaults(shape: CatalogueShape): SoftPickOptions | null {
  if (!(shape.itemCount >= LARGE_CATALOGUE_ITEMS)) return null;
  return {
    hardNegativeTemperature: SOFT_PICK_TEMPERATURE,
    hardNegativeCandidates: Math.round(
      tunedCandidates(shape.itemCount) * SOFT_PICK_CANDIDATE_FACTOR,
    ),
    negativesPerPositive: SOFT_PICK_NEGATIVES,
  };
}

/**
 * Behaviour aggregation (user' = (1 - g) u + g mean(liked items); measured below at g 0.75, exported
 * only, before it also trained; one propagation step item' = 0.75 i + 0.25 mean(likers) was part of it
 * until it lost under train-time aggregation, see `itemPropagation`), trained and exported, in large
 * catalogues.
 * Gowalla (40,981 items), 20% carve, a third of the users: Recall@20 / NDCG@20 +10% / +12% at 10
 * epochs, +6% / +6% at 30 epochs; all users at 50 epochs only +1.2% / +1.5% (0.1966 / 0.1366 -> 0.1990
 * / 0.1387: with every user's likes the item rows are better trained, so the mean compensates less;
 * trained with the mix it gains more, see `USER_AGGREGATION_MODE`).
 * MovieLens-100K (1,682 items, ~80 training items per user, whose own rows are well trained) lost
 * 0.013-0.015 NDCG@10, so small catalogues keep the trained vectors.
 */
function aggregationDefaults(
  trainsMix: boolean,
): Pick<TrainOptions, 'userAggregation' | 'userAggregationSlope' | 'userAggregationMode'> {
  return {
    userAggregation: trainsMix ? USER_AGGREGATION : 0,
    userAggregationSlope: trainsMix ? USER_AGGREGATION_SLOPE : 0,
    userAggregationMode: trainsMix ? USER_AGGREGATION_MODE : 'export',
  };
}

/**
 * (pairs per item / TUNED_PAIRS_PER_ITEM)^2 within [1, MAX_DENSITY_FACTOR]; 1 for an empty catalogue or a
 * pair count that is not a positive number (the tuned cap, never a NaN W).
 */
function densityFactor(shape: CatalogueShape): number {
  if (!(shape.itemCount > 0 && shape.positivePairs > 0)) return 1;
  const relative = shape.positivePairs / shape.itemCount / TUNED_PAIRS_PER_ITEM;
  return clamp(relative * relative, 1, MAX_DENSITY_FACTOR);
}

/** W by rank within [1, MAX_CANDIDATES]: the hardest-of-W rule at the density W was tuned on. */
function tunedCandidates(itemCount: number): number {
  return clamp(Math.round(itemCount / TARGET_NEGATIVE_RANK), 1, MAX_CANDIDATES);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/**
 * Hard candidates scored on copies (the candidate mirror, or the block) in large catalogues (whose item
 * table outgrows a core's L2, see `LARGE_CATALOGUE_ITEMS`): there a random table row costs ~100 ns and the
 * block cut the CPU time of an epoch of the Gowalla defaults by 37% (load 2.7) to 61% (load 6-7), with
 * the same Recall@20 / NDCG@20 on all users at 50 epochs (README, "Candidate block"). MovieLens-100K's
 * 1,682 rows sit in cache anyway: the block was slower there (44.5 s against 39.6 s of training) and
 * 0.0017 lower in NDCG@10, so small catalogues score fresh rows.
 */
function candidateSource(itemCount: number, large: boolean): TrainOptions['hardCandidateSource'] {
  if (!large) return 'fresh';
  return itemCount <= CANDIDATE_MIRROR_MAX_ITEMS ? 'mirror' : 'block';
}
