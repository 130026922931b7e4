import { z } from 'zod';

// Each message states the bound it checks: `epochs: -1` answers "epochs must be >= 1", not "an integer".
const int = (name: string, min: number, max: number) =>
  z
    .number({ error: `${name} must be a number` })
    .int({ error: `${name} must be an integer` })
    .min(min, { error: `${name} must be >= ${min}` })
    .max(max, { error: `${name} must be <= ${max}` });

const positive = (name: string, max: number) =>
  z
    .number({ error: `${name} must be a number` })
    .positive({ error: `${name} must be > 0` })
    .max(max, { error: `${name} must be <= ${max}` });

/** Optional per-job overrides of the trainer's configured hyper-parameters (`POST /training-jobs`). */
export const trainingJobParamsSchema = z.strictObject(
  {
    epochs: int('epochs', 1, 1000).optional(),
    dim: int('dim', 2, 512).optional(),
    learningRate: positive('learningRate', 10).optional(),
    margin: positive('margin', 10).optional(),
    seed: int('seed', 0, 2 ** 31 - 1).optional(),
  },
  { error: 'the training job parameters must be a JSON object' },
);

export type TrainingJobParams = z.infer<typeof trainingJobParamsSchema>;
