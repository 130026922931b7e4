import { z } from 'zod';

/** Optional per-job overrides of the trainer's configured hyper-parameters (`POST /training-jobs`). */
export const trainingJobParamsSchema = z.strictObject({
  epochs: z.int({ error: 'epochs must be an integer' }).min(1).max(1000).optional(),
  dim: z.int({ error: 'dim must be an integer' }).min(2).max(512).optional(),
  learningRate: z.number({ error: 'learningRate must be a number' }).positive().max(10).optional(),
  margin: z.number({ error: 'margin must be a number' }).positive().max(10).optional(),
  seed: z
    .int({ error: 'seed must be an integer' })
    .min(0)
    .max(2 ** 31 - 1)
    .optional(),
});

export type TrainingJobParams = z.infer<typeof trainingJobParamsSchema>;
