import { z } from 'zod';
import type { InteractionSignals } from '@recsys/triplets';
import {
  databaseEnv,
  intVar,
  kafkaEnv,
  parseEnv,
  redisEnv,
  signalsEnv,
  healthEnv,
  logEnv,
} from '@recsys/service-config';
import type { IngestorSettings } from './ingestor-dependencies';

/** How the ingestor's consumer keeps its group membership, and when its health endpoint fails. */
const consumerEnv = {
  KAFKA_SESSION_TIMEOUT_MS: intVar({
    default: 6000,
    min: 1000,
    description:
      "The broker hands a silent ingestor's partitions to the others after this long (the broker allows 6000 and up by default)",
  }),
  KAFKA_HEARTBEAT_INTERVAL_MS: intVar({
    default: 1000,
    min: 100,
    description: 'How often the ingestor tells the broker it is alive, also during a long batch',
  }),
  INGESTOR_STALL_MS: intVar({
    default: 60_000,
    min: 1000,
    description:
      'The health endpoint fails once a partition has been retrying one batch for this long',
  }),
};

/** Every variable the ingestor reads, with its default. */
export const ingestorEnvSchema = z.object({
  ...databaseEnv,
  ...redisEnv,
  ...kafkaEnv('recsys-ingestor'),
  ...consumerEnv,
  ...healthEnv(9101),
  ...logEnv,
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
