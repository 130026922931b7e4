export {
  ENGINE_OPTION_FIELDS,
  ENGINES,
  HARD_CANDIDATE_SOURCES,
  HARD_NEGATIVE_SELECTIONS,
  IN_BATCH_MODES,
  LOSSES,
  MAX_MIX_WEIGHT,
  NEGATIVE_REDUCTIONS,
  NEGATIVE_SOURCES,
  OPTIMIZERS,
  USER_AGGREGATION_MODES,
  VISIT_KERNEL_MODES,
} from './engine-option-fields';
export type {
  ChoiceField,
  EngineOptionField,
  EngineOptionName,
  MixField,
  NumberField,
} from './engine-option-fields';
export {
  engineOptionSchema,
  engineOptionsSchema,
  parseNegativeMixText,
} from './engine-options-schema';
export type { EngineOptions } from './engine-options-schema';
