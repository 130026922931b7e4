import { z } from 'zod';
import {
  boolVar,
  intVar,
  parseEnv,
  signalsEnv,
  stringVar,
  trainingEnv,
} from '@recsys/service-config';

/**
 * Every variable the all-in-one embedded process reads: no Kafka, Redis or PostgreSQL server; the event
 * log lives in an embedded PostgreSQL (PGlite) under DATA_DIR.
 */
export const embeddedEnvSchema = z.object({
  HOST: stringVar({ default: '127.0.0.1', description: 'Interface the HTTP server listens on' }),
  PORT: intVar({ default: 3000, min: 0, max: 65535, description: 'HTTP port (0 = any free port)' }),
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
  DATA_DIR: stringVar({
    default: '.data',
    description: 'Where the embedded database keeps its files',
  }),
  DEMO_DATA: boolVar({
    default: true,
    description: 'On first start, seed a synthetic demo catalogue and history and train on it',
  }),
  DEMO_SEED: intVar({ default: 7, min: 0, description: 'Seed of the demo data generator' }),
  DEMO_USERS_PER_CLUSTER: intVar({
    default: 25,
    min: 1,
    description: 'Demo users per taste cluster',
  }),
  DEMO_ITEMS_PER_CLUSTER: intVar({
    default: 40,
    min: 2,
    description: 'Demo items per taste cluster',
  }),
  ...signalsEnv,
  ...trainingEnv,
});

export type EmbeddedConfig = Readonly<z.infer<typeof embeddedEnvSchema>>;

/** Parses the environment once at start-up; throws listing every bad variable. */
export function loadEmbeddedConfig(env: Record<string, string | undefined>): EmbeddedConfig {
  return parseEnv(embeddedEnvSchema, env);
}
