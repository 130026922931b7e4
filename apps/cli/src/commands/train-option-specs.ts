import { DATASET_FORMATS } from '@recsys/datasets';
import { OptionSpecs } from '../args/option-spec';
import { ENGINE_FIELD_SPECS } from './engine-option-specs';

/**
 * Options of the training engine, shared by `recsys train` and bench:quality: the engine's own options
 * (ENGINE_FIELD_SPECS, the same as a training job's), then how rows become positives and early stopping.
 * Omitted ones take the engine's defaults (`defaultTrainOptions`), some of which follow the catalogue size.
 */
export const ENGINE_OPTION_SPECS: OptionSpecs = {
  ...ENGINE_FIELD_SPECS,
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
