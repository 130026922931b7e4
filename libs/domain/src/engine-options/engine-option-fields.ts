// The options of the training engine that `recsys train`, `POST /training-jobs` and the trainer's TRAIN_*
// variables accept: one table, from which the job's zod schema, the CLI's option specs and the env schema
// are derived, so the three accept the same names and the same bounds.

export const LOSSES = [
  'triplet',
  'squared-triplet',
  'cosine-triplet',
  'soft-margin',
  'bpr',
  'cosine-contrastive',
] as const;
export const OPTIMIZERS = ['sgd', 'adagrad', 'row-adagrad', 'lazy-adam'] as const;
export const NEGATIVE_SOURCES = [
  'uniform',
  'popularity',
  'explicit',
  'hardest',
  'semi-hard',
] as const;
export const IN_BATCH_MODES = ['none', 'batch-all', 'batch-hard'] as const;
export const NEGATIVE_REDUCTIONS = ['mean', 'sum', 'rank-weighted', 'softmax'] as const;
export const HARD_NEGATIVE_SELECTIONS = ['each', 'top'] as const;
export const ENGINES = ['kernel', 'tfjs'] as const;
export const HARD_CANDIDATE_SOURCES = ['block', 'mirror', 'fresh'] as const;
export const USER_AGGREGATION_MODES = ['export', 'train'] as const;
export const VISIT_KERNEL_MODES = ['on', 'off'] as const;

interface FieldNames {
  /** The `recsys train` option, without dashes. */
  cli: string;
  /** The trainer's environment variable. */
  env: string;
  description: string;
  /**
   * What the engine uses when the option is omitted: a value (kept in step with `defaultTrainOptions` by a
   * test), `catalogue` when it follows the catalogue size (`catalogueDefaults`), `catalogue-density` when
   * it also follows the liked pairs per item (W: the hardest-of-W cap rises with them), or `cores` (all
   * cores).
   */
  engineDefault: number | string;
}

export interface NumberField extends FieldNames {
  kind: 'integer' | 'number';
  min: number;
  max: number;
  /** The minimum itself is not allowed (a learning rate must be > 0). */
  exclusiveMin?: boolean;
}

export interface ChoiceField extends FieldNames {
  kind: 'choice';
  choices: readonly string[];
}

/** Relative weights of the negative sources, e.g. `{ hardest: 1, uniform: 1 }` (text: `hardest=1,uniform=1`). */
export interface MixField extends FieldNames {
  kind: 'mix';
}

export type EngineOptionField = NumberField | ChoiceField | MixField;

/** Largest weight of one negative source (weights are relative: they are normalised). */
export const MAX_MIX_WEIGHT = 1000;

/** Every engine option, by its name in `POST /training-jobs` (the engine's `TrainOptions` key). */
export const ENGINE_OPTION_FIELDS = {
  epochs: {
    kind: 'integer',
    min: 1,
    max: 1000,
    cli: 'epochs',
    env: 'TRAIN_EPOCHS',
    description: 'Training epochs',
    engineDefault: 50,
  },
  dim: {
    kind: 'integer',
    min: 2,
    max: 512,
    cli: 'dim',
    env: 'TRAIN_DIM',
    description: 'Embedding dimension',
    engineDefault: 64,
  },
  learningRate: {
    kind: 'number',
    min: 0,
    exclusiveMin: true,
    max: 10,
    cli: 'lr',
    env: 'TRAIN_LEARNING_RATE',
    description:
      'Learning rate (by catalogue: 0.075 up to 10,000 items, rising with the square root of the item count to 0.15 at 40,000 items)',
    engineDefault: 'catalogue',
  },
  margin: {
    kind: 'number',
    min: 0,
    max: 10,
    cli: 'margin',
    env: 'TRAIN_MARGIN',
    description:
      'Margin of the hinge losses (cosine-contrastive: similarity above which a negative costs; by catalogue: 0.35 below 10,000 items, else 0.4)',
    engineDefault: 'catalogue',
  },
  seed: {
    kind: 'integer',
    min: 0,
    max: 2 ** 31 - 1,
    cli: 'seed',
    env: 'TRAIN_SEED',
    description: 'Seed of initialisation, sampling and the held-out split',
    engineDefault: 42,
  },
  threads: {
    kind: 'integer',
    min: 1,
    max: 64,
    cli: 'threads',
    env: 'TRAIN_THREADS',
    description: 'Training threads (1 = deterministic, slower)',
    engineDefault: 'cores',
  },
  loss: {
    kind: 'choice',
    choices: LOSSES,
    cli: 'loss',
    env: 'TRAIN_LOSS',
    description: 'Loss function',
    engineDefault: 'triplet',
  },
  optimizer: {
    kind: 'choice',
    choices: OPTIMIZERS,
    cli: 'optimizer',
    env: 'TRAIN_OPTIMIZER',
    description: 'Sparse optimiser',
    engineDefault: 'row-adagrad',
  },
  negativesPerPositive: {
    kind: 'integer',
    min: 0,
    max: 64,
    cli: 'negatives',
    env: 'TRAIN_NEGATIVES_PER_POSITIVE',
    description:
      'Sampled negatives per liked pair (by catalogue: as many as 256 scored candidates allow at the cap of W, 128, at most 4; 3 with soft picks; 0 only with in-batch negatives)',
    engineDefault: 'catalogue',
  },
  negativeReduction: {
    kind: 'choice',
    choices: NEGATIVE_REDUCTIONS,
    cli: 'negative-reduction',
    env: 'TRAIN_NEGATIVE_REDUCTION',
    description:
      "How the losses of a pair's negatives combine; rank-weighted = WARP's log(1 + estimated rank of the positive), spread over the violating negatives (mean for bpr and soft-margin, whose every negative is active, unless given); softmax = log(1 + sum exp(hinge argument / temperature)), hinge losses only",
    engineDefault: 'rank-weighted',
  },
  softmaxTemperature: {
    kind: 'number',
    min: 0.001,
    max: 10,
    cli: 'softmax-temperature',
    env: 'TRAIN_SOFTMAX_TEMPERATURE',
    description: "The softmax reduction's temperature, in units of the loss's distances",
    engineDefault: 0.05,
  },
  hardNegativeSelection: {
    kind: 'choice',
    choices: HARD_NEGATIVE_SELECTIONS,
    cli: 'hard-selection',
    env: 'TRAIN_HARD_SELECTION',
    description:
      "A pair's hard negatives: each the closest of its own W candidates, or the closest few of one set of W (top)",
    engineDefault: 'each',
  },
  negativeMix: {
    kind: 'mix',
    cli: 'negative-mix',
    env: 'TRAIN_NEGATIVE_MIX',
    description: `Weights of the negative sources (${NEGATIVE_SOURCES.join(', ')}), e.g. hardest=1,uniform=1`,
    engineDefault: 'hardest=1',
  },
  hardNegativeCandidates: {
    kind: 'integer',
    min: 1,
    max: 4096,
    cli: 'hard-candidates',
    env: 'TRAIN_HARD_CANDIDATES',
    description:
      'Candidates scored per hardest / semi-hard negative, W of hardest-of-W (by catalogue: items / 200, 1..128; the cap rises to 192 with the square of the liked pairs per item over 16; 2.5 times the 1..128 value, rounded, up to 320, with soft picks)',
    engineDefault: 'catalogue-density',
  },
  hardCandidateReuse: {
    kind: 'integer',
    min: 1,
    max: 1024,
    cli: 'candidate-reuse',
    env: 'TRAIN_CANDIDATE_REUSE',
    description: 'Picks each scored hard candidate serves (1 = fresh candidates per pick)',
    engineDefault: 1,
  },
  hardNegativeTemperature: {
    kind: 'number',
    min: 0,
    max: 10,
    cli: 'hard-temperature',
    env: 'TRAIN_HARD_TEMPERATURE',
    description:
      'Temperature of a hardest pick: > 0 draws it from softmax(score / t) over its W candidates instead of taking the closest, 0 takes the closest (by catalogue: 0.05 where the whole-visit kernel trains large catalogues, else 0; there any t > 0, given or not, comes with 2.5 times the tuned W and 3 negatives unless those are given)',
    engineDefault: 'catalogue',
  },
  hardCandidateSource: {
    kind: 'choice',
    choices: HARD_CANDIDATE_SOURCES,
    cli: 'candidate-source',
    env: 'TRAIN_CANDIDATE_SOURCE',
    description:
      'Hard candidates scored from an int8 mirror of the item table, a cached block of item rows, or fresh table rows (by catalogue: mirror from 10,000 items, block past 1,000,000)',
    engineDefault: 'catalogue',
  },
  averagedEpochShare: {
    kind: 'number',
    min: 0,
    max: 1,
    cli: 'averaged-share',
    env: 'TRAIN_AVERAGED_SHARE',
    description:
      "Share of the last epochs whose tables are averaged into the exported vectors (0.4 of 50: the last 20; 0 = the last epoch's tables)",
    engineDefault: 0.4,
  },
  hardNegativeWarmupEpochs: {
    kind: 'integer',
    min: 0,
    max: 1000,
    cli: 'warmup-epochs',
    env: 'TRAIN_WARMUP_EPOCHS',
    description: 'Epochs over which hard negatives ramp up from 0 to their weight',
    engineDefault: 6,
  },
  inBatchNegatives: {
    kind: 'choice',
    choices: IN_BATCH_MODES,
    cli: 'in-batch',
    env: 'TRAIN_IN_BATCH',
    description: 'In-batch negatives: the liked items of the other pairs of a batch',
    engineDefault: 'none',
  },
  batchSize: {
    kind: 'integer',
    min: 1,
    max: 65536,
    cli: 'batch-size',
    env: 'TRAIN_BATCH_SIZE',
    description: 'Pairs per batch (in-batch negatives, tfjs engine)',
    engineDefault: 256,
  },
  popularityExponent: {
    kind: 'number',
    min: 0,
    max: 4,
    cli: 'popularity-exponent',
    env: 'TRAIN_POPULARITY_EXPONENT',
    description: 'Popularity negatives are drawn with probability ~ count^exponent',
    engineDefault: 0.75,
  },
  maxNorm: {
    kind: 'number',
    min: 0,
    max: 100,
    cli: 'max-norm',
    env: 'TRAIN_MAX_NORM',
    description: 'Radius vectors are clipped to after every update (0 = off)',
    engineDefault: 1,
  },
  l2: {
    kind: 'number',
    min: 0,
    max: 10,
    cli: 'l2',
    env: 'TRAIN_L2',
    description: 'L2 penalty on updated rows',
    engineDefault: 0,
  },
  initStd: {
    kind: 'number',
    min: 0,
    max: 10,
    cli: 'init-std',
    env: 'TRAIN_INIT_STD',
    description: 'Standard deviation of the initial vectors',
    engineDefault: 0.1,
  },
  explicitTripletWeight: {
    kind: 'number',
    min: 0,
    max: 100,
    cli: 'explicit-weight',
    env: 'TRAIN_EXPLICIT_WEIGHT',
    description: 'Loss weight of explicit (disliked) triplets against a liked pair of weight 1',
    engineDefault: 1,
  },
  negativeWeight: {
    kind: 'number',
    min: 0,
    max: 100,
    cli: 'negative-weight',
    env: 'TRAIN_NEGATIVE_WEIGHT',
    description: 'Weight of the negative term (cosine-contrastive)',
    engineDefault: 1,
  },
  userAggregation: {
    kind: 'number',
    min: 0,
    max: 1,
    cli: 'user-aggregation',
    env: 'TRAIN_USER_AGGREGATION',
    description:
      "Weight of the mean of a user's liked item vectors in the exported user vector (by catalogue: 0.6 from 10,000 items, else 0)",
    engineDefault: 'catalogue',
  },
  userAggregationSlope: {
    kind: 'number',
    min: -4,
    max: 4,
    cli: 'user-aggregation-slope',
    env: 'TRAIN_USER_AGGREGATION_SLOPE',
    description:
      "How a user's mix weight follows their liked count k: logit(g_k) = logit(g) + slope ln(k / 20), g the --user-aggregation (by catalogue: -1 from 10,000 items, else 0)",
    engineDefault: 'catalogue',
  },
  userAggregationMode: {
    kind: 'choice',
    choices: USER_AGGREGATION_MODES,
    cli: 'user-aggregation-mode',
    env: 'TRAIN_USER_AGGREGATION_MODE',
    description:
      'export: mix users with their liked items at export; train: also train them as that mix (by catalogue: train from 10,000 items)',
    engineDefault: 'catalogue',
  },
  itemPropagation: {
    kind: 'number',
    min: 0,
    max: 1,
    cli: 'item-propagation',
    env: 'TRAIN_ITEM_PROPAGATION',
    description:
      "Weight of the mean of an item's likers' vectors in the exported item vector (0 = off)",
    engineDefault: 0,
  },
  engine: {
    kind: 'choice',
    choices: ENGINES,
    cli: 'engine',
    env: 'TRAIN_ENGINE',
    description: 'Training engine (tfjs: the same model through TensorFlow.js, a slow reference)',
    engineDefault: 'kernel',
  },
  visitKernel: {
    kind: 'choice',
    choices: VISIT_KERNEL_MODES,
    cli: 'visit-kernel',
    env: 'TRAIN_VISIT_KERNEL',
    description:
      "on: train whole user visits (a user's pairs of an epoch, with their picks and steps) in one WebAssembly call per few thousand pairs where the options allow it (the large-catalogue defaults); off: always the composed kernels (the same model, slower)",
    engineDefault: 'on',
  },
} as const satisfies Record<string, EngineOptionField>;

export type EngineOptionName = keyof typeof ENGINE_OPTION_FIELDS;
