import { engineOptionsSchema, type EngineOptions } from './engine-options';

/**
 * Optional per-job overrides of the trainer's configured engine options (`POST /training-jobs`): every
 * option `recsys train` accepts, under the engine's names, with the same bounds (see engine-options).
 */
export const trainingJobParamsSchema = engineOptionsSchema;

export type TrainingJobParams = EngineOptions;
