import { z } from 'zod';
import type { InteractionSignals } from '@recsys/triplets';
import { databaseEnv, kafkaEnv, parseEnv, redisEnv, signalsEnv } from '@recsys/service-config';
import type { IngestorSettings } from './ingestor-dependencies';

/** Every variable the ingestor reads, with its default. */
export const ingestorEnvSchema = z.object({
  ...databaseEnv,
  ...redisEnv,
  ...kafkaEnv('recsys-ingestor'),
  ...signalsEnv,
});

export type IngestorConfig = Readonly<z.infer<typeof ingestorEnvSchema>>;

/** Parses the ingestor's environment once at start-up; throws listing every bad variable. */
export function loadIngestorConfig(env: Record<string, string | undefined>): IngestorConfig {
  return parseEnv(ingestorEnvSchema, env);
}

/** The signal part of a config (the embedded app reads the same variables). */
export function ingestorSettingsFrom(
  config: z.infer<z.ZodObject<typeof signalsEnv>>,
): IngestorSettings {
  const signals: InteractionSignals = {
    positiveWeights: {
      view: config.WEIGHT_VIEW,
      click: config.WEIGHT_CLICK,
      add_to_cart: config.WEIGHT_ADD_TO_CART,
      purchase: config.WEIGHT_PURCHASE,
      like: config.WEIGHT_LIKE,
      impression: config.WEIGHT_IMPRESSION_CHOICE,
    },
    likedRatingWeight: config.WEIGHT_LIKED_RATING,
    likeRatingMin: config.LIKE_RATING_MIN,
    dislikeRatingMax: config.DISLIKE_RATING_MAX,
  };
  return { signals, maxTripletsPerEvent: config.MAX_TRIPLETS_PER_EVENT };
}
