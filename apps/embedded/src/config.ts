import type { z } from 'zod';
import {
  autoTrainingEnv,
  boolVar,
  ConfigError,
  intVar,
  parseEnv,
  signalsEnv,
  stringVar,
  trainingEnv,
} from '@recsys/service-config';
import { apiHttpEnvSchema } from '../../api/src/config';

/** API keys of the demo when none are configured, on loopback only; printed at start (they are public). */
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
  ...autoTrainingEnv,
});

export type EmbeddedConfig = Readonly<z.infer<typeof embeddedEnvSchema>>;

/**
 * Parses the environment once at start-up; throws listing every bad variable. Without configured keys
 * the demo uses the well-known DEMO_API_KEYS, but only on a loopback interface: bound to any other
 * (HOST=0.0.0.0), anyone who can reach it could write with them, so it refuses to start.
 */
export function loadEmbeddedConfig(env: Record<string, string | undefined>): EmbeddedConfig {
  const config = parseEnv(embeddedEnvSchema, env);
  const noKeys = config.API_READ_KEYS.length === 0 && config.API_WRITE_KEYS.length === 0;
  const withDemoKeys = noKeys
    ? Object.freeze({
        ...config,
        API_READ_KEYS: [DEMO_API_KEYS.read],
        API_WRITE_KEYS: [DEMO_API_KEYS.write],
      })
    : config;
  if (!isLoopback(config.HOST) && usesDemoKeys(withDemoKeys)) {
    throw new ConfigError([
      `API_WRITE_KEYS: the demo keys (${Object.values(DEMO_API_KEYS).join(', ')}) are public and only allowed with HOST on loopback (127.0.0.1, ::1, localhost), not ${config.HOST}; set API_READ_KEYS and API_WRITE_KEYS`,
    ]);
  }
  return withDemoKeys;
}

/** True when the demo's well-known keys are among the configured ones. */
export function usesDemoKeys(
  config: Pick<EmbeddedConfig, 'API_READ_KEYS' | 'API_WRITE_KEYS'>,
): boolean {
  const demo: readonly string[] = Object.values(DEMO_API_KEYS);
  return [...config.API_READ_KEYS, ...config.API_WRITE_KEYS].some((key) => demo.includes(key));
}

// 127.0.0.0/8, ::1 and localhost are reachable from this machine only; anything else (0.0.0.0, ::, an
// interface address, a host name) may be reachable from others.
function isLoopback(host: string): boolean {
  const name = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  return (
    name === 'localhost' ||
    name === '::1' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name) ||
    /^::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name)
  );
}
