import type { z } from 'zod';
import {
  boolVar,
  intVar,
  parseEnv,
  signalsEnv,
  stringVar,
  trainingEnv,
} from '@recsys/service-config';
import { apiHttpEnvSchema } from '../../api/src/config';

/** API keys of the demo when none are configured; printed at start, never used in production. */
export const DEMO_API_KEYS = { read: 'demo-read-key', write: 'demo-write-key' } as const;

/**
 * Every variable the all-in-one embedded process reads: the api module's own (listening on this machine
 * only by default), no Kafka, Redis or PostgreSQL server; the event log lives in an embedded PostgreSQL
 * (PGlite) under DATA_DIR.
 */
export const embeddedEnvSchema = apiHttpEnvSchema.extend({
  HOST: stringVar({ default: '127.0.0.1', description: 'Interface the HTTP server listens on' }),
  PORT: intVar({ default: 3000, min: 0, max: 65535, description: 'HTTP port (0 = any free port)' }),
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
  const config = parseEnv(embeddedEnvSchema, env);
  // Without configured keys the demo uses well-known ones, so the printed curl examples just work.
  if (config.API_READ_KEYS.length === 0 && config.API_WRITE_KEYS.length === 0) {
    return Object.freeze({
      ...config,
      API_READ_KEYS: [DEMO_API_KEYS.read],
      API_WRITE_KEYS: [DEMO_API_KEYS.write],
    });
  }
  return config;
}
