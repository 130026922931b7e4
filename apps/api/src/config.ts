import { z } from 'zod';
import {
  databaseEnv,
  intVar,
  kafkaEnv,
  parseEnv,
  redisEnv,
  stringVar,
} from '@recsys/service-config';

/** Every variable the api reads, with its default; `.env.example` documents the same names. */
export const apiEnvSchema = z.object({
  HOST: stringVar({ default: '0.0.0.0', description: 'Interface the HTTP server listens on' }),
  PORT: intVar({ default: 3000, min: 1, max: 65535, description: 'HTTP port' }),
  BODY_LIMIT_BYTES: intVar({
    default: 1_048_576,
    min: 1024,
    description: 'Largest accepted request body',
  }),
  RECOMMEND_DEFAULT_LIMIT: intVar({
    default: 10,
    min: 1,
    max: 1000,
    description: 'Items per answer when ?limit is absent',
  }),
  RECOMMEND_MAX_LIMIT: intVar({
    default: 100,
    min: 1,
    max: 1000,
    description: 'Largest accepted ?limit',
  }),
  MODEL_POLL_INTERVAL_MS: intVar({
    default: 5000,
    min: 100,
    description: 'Safety-net poll of the current model version',
  }),
  ...databaseEnv,
  ...redisEnv,
  ...kafkaEnv('recsys-api'),
});

export type ApiConfig = Readonly<z.infer<typeof apiEnvSchema>>;

/** Parses the api's environment once at start-up; throws listing every bad variable. */
export function loadApiConfig(env: Record<string, string | undefined>): ApiConfig {
  return parseEnv(apiEnvSchema, env);
}

/** The HTTP behaviour part of the config. */
export function apiSettingsFrom(config: ApiConfig) {
  return {
    recommendDefaultLimit: config.RECOMMEND_DEFAULT_LIMIT,
    recommendMaxLimit: config.RECOMMEND_MAX_LIMIT,
    modelPollIntervalMs: config.MODEL_POLL_INTERVAL_MS,
  };
}
