import { z } from 'zod';
import {
  databaseEnv,
  healthEnv,
  logEnv,
  parseEnv,
  redisEnv,
  trainingEnv,
} from '@recsys/service-config';
import type { TrainerSettings } from './trainer-dependencies';

/** Every variable the trainer reads, with its default. */
export const trainerEnvSchema = z.object({
  ...databaseEnv,
  ...redisEnv,
  ...trainingEnv,
  ...healthEnv(9102),
  ...logEnv,
});

export type TrainerConfig = Readonly<z.infer<typeof trainerEnvSchema>>;

/** Parses the trainer's environment once at start-up; throws listing every bad variable. */
export function loadTrainerConfig(env: Record<string, string | undefined>): TrainerConfig {
  return parseEnv(trainerEnvSchema, env);
}

/** The training part of a config (the embedded app reads the same variables). */
export function trainerSettingsFrom(
  config: z.infer<z.ZodObject<typeof trainingEnv>>,
  processId: number,
): TrainerSettings {
  return {
    workerId: `${config.TRAINER_WORKER_ID}-${processId}`,
    pollIntervalMs: config.TRAINER_POLL_INTERVAL_MS,
    heartbeatIntervalMs: config.TRAINER_HEARTBEAT_INTERVAL_MS,
    staleJobAfterMs: config.TRAINER_STALE_JOB_MS,
    train: {
      dim: config.TRAIN_DIM,
      epochs: config.TRAIN_EPOCHS,
      // auto: left out, so the engine picks it from the catalogue size
      ...(config.TRAIN_LEARNING_RATE === 'auto'
        ? {}
        : { learningRate: config.TRAIN_LEARNING_RATE }),
      margin: config.TRAIN_MARGIN,
      seed: config.TRAIN_SEED,
      threads: config.TRAIN_THREADS,
    },
    negatives: config.TRAIN_NEGATIVES,
    holdoutRatio: config.TRAIN_HOLDOUT_RATIO,
    evaluationK: config.TRAIN_EVALUATION_K,
    minRecall: config.TRAIN_MIN_RECALL,
    evaluationThreads: Math.min(config.TRAIN_THREADS, 2),
    popularLimit: config.TRAIN_POPULAR_LIMIT,
  };
}
