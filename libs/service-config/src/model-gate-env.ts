import { z } from 'zod';
import { intVar, numberVar } from './env-fields';

/** How a trained candidate is judged against the serving model and what is published (part of trainingEnv). */
export const modelGateEnv = {
  TRAIN_GATE_TOLERANCE: numberVar({
    default: 0.02,
    min: 0,
    max: 1,
    description:
      "Relative gate: a candidate becomes current only if its held-out Recall@K is at least the serving model's minus this (same held-out likes); else it is stored as rejected",
  }),
  TRAIN_FINAL_FIT: z
    .enum(['retrain', 'warm-start'])
    .default('retrain')
    .describe(
      'How a candidate that passed learns the held-out likes before publishing: retrain on all rows with the same settings, or warm-start from the candidate for TRAIN_WARM_START_EPOCHS',
    ),
  TRAIN_WARM_START_EPOCHS: intVar({
    default: 5,
    min: 1,
    max: 1000,
    description: 'Epochs of the warm start on all rows (TRAIN_FINAL_FIT=warm-start)',
  }),
};
