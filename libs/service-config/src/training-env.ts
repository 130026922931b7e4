import { z } from 'zod';
import { engineEnv } from './engine-env';
import { intVar, numberVar, stringVar } from './env-fields';
import { positiveWeightsEnv } from './signals-env';
import { modelGateEnv } from './model-gate-env';

/** How the trainer polls for jobs and what it trains (read by the trainer and the embedded app). */
export const trainingEnv = {
  TRAINER_WORKER_ID: stringVar({
    default: 'trainer',
    description: 'Name of this trainer in job records (the pid is appended)',
  }),
  TRAINER_POLL_INTERVAL_MS: intVar({
    default: 1000,
    min: 10,
    description: 'How often an idle trainer looks for queued jobs',
  }),
  TRAINER_HEARTBEAT_INTERVAL_MS: intVar({
    default: 1000,
    min: 100,
    description: 'How often a running job renews its lease',
  }),
  TRAINER_STALE_JOB_MS: intVar({
    default: 6000,
    min: 1000,
    description:
      'Lease of a running job: silent this long, it is failed and the queue moves on (its trainer then stops it unpublished)',
  }),
  ...engineEnv,
  TRAIN_NEGATIVES: z
    .enum(['auto', 'uniform', 'popularity', 'hardest', 'semi-hard', 'explicit'])
    .default('auto')
    .describe(
      "Sampled negatives, one source (TRAIN_NEGATIVE_MIX, when set, wins): auto = the engine's default, hardest-of-W with W = items / 200 (1 = uniform, at most 128)",
    ),
  TRAIN_HOLDOUT_RATIO: numberVar({
    default: 0.1,
    min: 0,
    max: 0.5,
    description:
      "Share of each user's most recent likes held out to evaluate a candidate (0 = no evaluation, no gate)",
  }),
  TRAIN_EVALUATION_K: intVar({
    default: 10,
    min: 1,
    max: 1000,
    description: 'K of the held-out Recall@K and NDCG@K',
  }),
  TRAIN_MIN_RECALL: numberVar({
    default: 0.01,
    min: 0,
    max: 1,
    description:
      'Absolute floor of the quality gate: held-out Recall@K any model (the first one too) needs to become current',
  }),
  ...positiveWeightsEnv,
  TRAIN_POPULAR_LIMIT: intVar({
    default: 1000,
    min: 1,
    description: 'Popular items stored with a model for unknown users',
  }),
  ...modelGateEnv,
};
