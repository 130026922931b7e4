import { availableParallelism } from 'node:os';
import { z } from 'zod';
import {
  autoTrainingEnv,
  databaseEnv,
  engineOptionsFromEnv,
  healthEnv,
  logEnv,
  parseEnv,
  parseTrainingSchedule,
  positiveWeightsFrom,
  redisEnv,
  trainingEnv,
} from '@recsys/service-config';
import type { TrainerSettings } from './trainer-dependencies';

/** Every variable the trainer reads, with its default. */
export const trainerEnvSchema = z.object({
  ...databaseEnv,
  ...redisEnv,
  ...trainingEnv,
  ...autoTrainingEnv,
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
  config: z.infer<z.ZodObject<typeof trainingEnv & typeof autoTrainingEnv>>,
  processId: number,
  cpuCount: number = availableParallelism(),
): TrainerSettings {
  return {
    workerId: `${config.TRAINER_WORKER_ID}-${processId}`,
    pollIntervalMs: config.TRAINER_POLL_INTERVAL_MS,
    heartbeatIntervalMs: config.TRAINER_HEARTBEAT_INTERVAL_MS,
    staleJobAfterMs: config.TRAINER_STALE_JOB_MS,
    // Unset (auto) options are left to the engine, which resolves them for the catalogue exactly as
    // `recsys train` does; threads default to all cores, as there.
    train: engineOptionsFromEnv(config, cpuCount),
    positiveWeights: positiveWeightsFrom(config),
    negatives: config.TRAIN_NEGATIVES,
    holdoutRatio: config.TRAIN_HOLDOUT_RATIO,
    evaluationK: config.TRAIN_EVALUATION_K,
    minRecall: config.TRAIN_MIN_RECALL,
    gateTolerance: config.TRAIN_GATE_TOLERANCE,
    finalFit: config.TRAIN_FINAL_FIT,
    warmStartEpochs: config.TRAIN_WARM_START_EPOCHS,
    evaluationThreads: Math.min(engineOptionsFromEnv(config, cpuCount).threads ?? 1, 2),
    popularLimit: config.TRAIN_POPULAR_LIMIT,
    autoTraining: {
      schedule: parseTrainingSchedule(config.TRAIN_EVERY),
      afterNewSignals: config.TRAIN_AFTER_NEW_SIGNALS,
      firstModelAfterSignals: config.TRAIN_FIRST_MODEL_AFTER_SIGNALS,
      checkIntervalMs: config.TRAIN_CHECK_INTERVAL_MS,
    },
  };
}
