import { z } from 'zod';
import { intVar, numberVar, stringVar } from './env-fields';
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
  TRAIN_DIM: intVar({ default: 64, min: 2, max: 512, description: 'Embedding dimension' }),
  TRAIN_EPOCHS: intVar({ default: 30, min: 1, max: 1000, description: 'Training epochs' }),
  TRAIN_LEARNING_RATE: z
    .union([z.literal('auto'), z.coerce.number().positive({ error: 'must be > 0 or auto' })])
    .default('auto')
    .describe(
      'Learning rate; auto = 0.05, rising with the square root of the item count to 0.1 at 40,000 items',
    ),
  TRAIN_MARGIN: numberVar({ default: 0.5, min: 0, description: 'Triplet loss margin' }),
  TRAIN_SEED: intVar({
    default: 42,
    min: 0,
    description: 'Seed of initialisation, sampling and the held-out split',
  }),
  TRAIN_NEGATIVES: z
    .enum(['auto', 'uniform', 'popularity', 'hardest', 'semi-hard', 'explicit'])
    .default('auto')
    .describe(
      'Sampled negatives: auto = hardest-of-W with W = items / 200 (1 = uniform, at most 128)',
    ),
  TRAIN_THREADS: intVar({
    default: 1,
    min: 1,
    max: 64,
    description: 'Training threads (1 = deterministic)',
  }),
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
  TRAIN_POPULAR_LIMIT: intVar({
    default: 1000,
    min: 1,
    description: 'Popular items stored with a model for unknown users',
  }),
  ...modelGateEnv,
};
