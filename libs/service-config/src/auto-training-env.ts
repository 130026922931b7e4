import { z } from 'zod';
import { intVar } from './env-fields';
import { parseTrainingSchedule } from './training-schedule';

/** A count where `off` (or 0) disables what it triggers; parsed to a number, 0 = off. */
function countOrOffVar(options: { default: number; description: string }) {
  return z
    .union([z.literal('off').transform(() => 0), z.coerce.number()])
    .pipe(
      z
        .number({ error: 'must be a whole number or off' })
        .int({ error: 'must be a whole number or off' })
        .min(0, { error: 'must be >= 0 or off' }),
    )
    .default(options.default)
    .describe(options.description);
}

/** When the trainer queues training jobs by itself (read by the trainer and the embedded app). */
export const autoTrainingEnv = {
  TRAIN_EVERY: z
    .string()
    .default('1h')
    .superRefine((text, context) => {
      try {
        parseTrainingSchedule(text);
      } catch (error) {
        context.addIssue({ code: 'custom', message: (error as Error).message });
      }
    })
    .describe(
      'Retrain on a schedule: a duration (30m, 1h, 1d: at whole multiples of it, UTC) or a cron expression (UTC), if any liked/unliked signal arrived since the last model; off = never',
    ),
  TRAIN_AFTER_NEW_SIGNALS: countOrOffVar({
    default: 10_000,
    description:
      'Retrain once this many liked/unliked events arrived since the data of the newest model; 0 or off = never',
  }),
  TRAIN_FIRST_MODEL_AFTER_SIGNALS: countOrOffVar({
    default: 100,
    description:
      'While no model is serving, train once this many liked/unliked events are logged; 0 or off = use TRAIN_AFTER_NEW_SIGNALS',
  }),
  TRAIN_CHECK_INTERVAL_MS: intVar({
    default: 10_000,
    min: 100,
    description:
      'How often the trainer checks its schedule and counts new signals (one count query on the event log)',
  }),
};
