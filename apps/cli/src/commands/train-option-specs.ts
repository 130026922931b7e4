import { DATASET_FORMATS } from '@recsys/datasets';
import { OptionSpecs } from '../args/option-spec';

const LOSSES = [
  'triplet',
  'squared-triplet',
  'cosine-triplet',
  'soft-margin',
  'bpr',
  'cosine-contrastive',
];
const OPTIMIZERS = ['sgd', 'adagrad', 'row-adagrad', 'lazy-adam'];
const IN_BATCH = ['none', 'batch-all', 'batch-hard'];
const REDUCTIONS = ['mean', 'sum', 'rank-weighted'];

/**
 * Options of the training engine, shared by `recsys train` and bench:quality. Omitted ones take the
 * engine's defaults (`defaultTrainOptions`), some of which follow the catalogue size.
 */
export const ENGINE_OPTION_SPECS: OptionSpecs = {
  dim: { kind: 'number', integer: true, min: 1, max: 4096, description: 'embedding dimension' },
  epochs: {
    kind: 'number',
    integer: true,
    min: 1,
    description: 'training epochs (maximum with --validation)',
  },
  lr: { kind: 'number', min: 1e-12, description: 'learning rate (default: by catalogue size)' },
  margin: { kind: 'number', description: 'triplet margin' },
  seed: { kind: 'number', integer: true, description: 'random seed (splits, init, sampling)' },
  threads: {
    kind: 'number',
    integer: true,
    min: 1,
    max: 64,
    description: 'worker threads (default: all cores)',
  },
  loss: { kind: 'choice', choices: LOSSES, description: 'loss function' },
  optimizer: { kind: 'choice', choices: OPTIMIZERS, description: 'sparse optimiser' },
  negatives: {
    kind: 'number',
    integer: true,
    min: 0,
    description: 'sampled negatives per positive (default: by catalogue size)',
  },
  'negative-reduction': {
    kind: 'choice',
    choices: REDUCTIONS,
    description: "how the losses of a positive's negatives combine",
  },
  'popularity-exponent': {
    kind: 'number',
    description: 'popularity negatives are drawn ~ count^exponent',
  },
  engine: { kind: 'choice', choices: ['kernel', 'tfjs'], description: 'training engine' },
  'negative-mix': {
    kind: 'string',
    placeholder: 'uniform=1,hardest=1',
    description: 'weights of negative sources: uniform, popularity, explicit, hardest, semi-hard',
  },
  'hard-candidates': {
    kind: 'number',
    integer: true,
    min: 1,
    description: 'candidates per hardest / semi-hard negative, W (default: by catalogue size)',
  },
  'candidate-reuse': {
    kind: 'number',
    integer: true,
    min: 1,
    description: 'picks each scored hard candidate serves; 1 = fresh candidates per pick',
  },
  'warmup-epochs': {
    kind: 'number',
    integer: true,
    min: 0,
    description: 'epochs over which hard negatives ramp up',
  },
  'in-batch': { kind: 'choice', choices: IN_BATCH, description: 'in-batch negatives' },
  'batch-size': { kind: 'number', integer: true, min: 1, description: 'pairs per batch' },
  'max-norm': { kind: 'number', min: 0, description: 'radius rows are clipped to (0 = off)' },
  l2: { kind: 'number', min: 0, description: 'L2 penalty on updated rows' },
  'init-std': { kind: 'number', min: 0, description: 'standard deviation of the initial vectors' },
  'explicit-weight': {
    kind: 'number',
    min: 0,
    description: 'loss weight of explicit (disliked) triplets',
  },
  'negative-weight': {
    kind: 'number',
    min: 0,
    description: 'weight of the negative term (cosine-contrastive)',
  },
  'user-aggregation': {
    kind: 'number',
    min: 0,
    max: 1,
    description: "weight of the mean of a user's liked item vectors in the exported user vector",
  },
  'item-propagation': {
    kind: 'number',
    min: 0,
    max: 1,
    description: "weight of the mean of an item's likers' vectors in the exported item vector",
  },
  'neutral-weight': {
    kind: 'number',
    min: 0,
    description: 'weight of neutral rows (rating 3) as positives; 0 = ignore (default 0)',
  },
  'unliked-weight': {
    kind: 'number',
    min: 0,
    description:
      'weight of unliked rows as positives; 0 = use them as explicit negatives (default 0)',
  },
  validation: {
    kind: 'number',
    min: 0,
    max: 0.9,
    description: "share of each user's items held out for early stopping; 0 = off (default 0)",
  },
  'eval-every': {
    kind: 'number',
    integer: true,
    min: 1,
    description: 'validate every N epochs (default 2)',
  },
  patience: {
    kind: 'number',
    integer: true,
    min: 1,
    description: 'validations without gain before stopping (default 3)',
  },
  'val-k': {
    kind: 'number',
    integer: true,
    min: 1,
    description: 'K of the validation metric (default 20)',
  },
  monitor: {
    kind: 'choice',
    choices: ['ndcg', 'recall'],
    description: 'validation metric to maximise (default ndcg)',
  },
  'val-users': {
    kind: 'number',
    integer: true,
    min: 1,
    description: 'validation users scored per check (seeded sample; default 10000)',
  },
  refit: {
    kind: 'flag',
    description: 'after early stopping, retrain on all rows for the best epoch count',
  },
  quiet: { kind: 'flag', description: 'no progress bars' },
};

/** `recsys train` options. */
export const TRAIN_OPTION_SPECS: OptionSpecs = {
  input: { kind: 'string', required: true, placeholder: 'FILE', description: 'interactions file' },
  format: { kind: 'choice', choices: DATASET_FORMATS, required: true, description: 'input format' },
  out: {
    kind: 'string',
    required: true,
    placeholder: 'DIR',
    description: 'model export directory',
  },
  ...ENGINE_OPTION_SPECS,
  help: { kind: 'flag', description: 'show this help' },
};
