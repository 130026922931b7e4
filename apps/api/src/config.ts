import { z } from 'zod';
import {
  boolVar,
  ConfigError,
  databaseEnv,
  intVar,
  kafkaEnv,
  listVar,
  logEnv,
  numberVar,
  parseEnv,
  redisEnv,
  stringVar,
} from '@recsys/service-config';
import type { ApiSettings } from './api-settings';

/** Which items may be recommended (issue 9: item ids sent in events must not reach shoppers unchecked). */
const catalogueEnv = {
  // open by default so an api without a catalogue (a first trial, the e2e tests) still answers; the
  // embedded demo fills its catalogue, so strict works there too.
  CATALOGUE_MODE: z
    .enum(['strict', 'open'])
    .default('open')
    .describe(
      'strict (advised): recommend only listed, available catalogue items; open: also unlisted ones',
    ),
};

// HTTP behaviour, access and serving: the same for every process that runs the api module.
const httpEnv = {
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
  RECOMMEND_MAX_OFFSET: intVar({ default: 1000, min: 0, description: 'Largest accepted ?offset' }),
  REALTIME_WEIGHT: numberVar({
    default: 0.5,
    min: 0,
    max: 1,
    description: "Share of the items a user liked since training in the user's query vector",
  }),
  RECENT_INTERACTIONS_PER_REQUEST: intVar({
    default: 20,
    min: 0,
    max: 200,
    description: 'Recent interactions of the user read per request',
  }),
  RECENT_CACHE_USERS: intVar({
    default: 100_000,
    min: 0,
    description:
      'Users whose recent interactions the api keeps until Redis announces a change (0: read per request)',
  }),
  // A safety net only: a lost change message comes with a lost subscription, which drops every kept list.
  // Short values cost a Redis read per user per TTL (at 30 s, a fifth of a busy api's requests).
  RECENT_CACHE_TTL_MS: intVar({
    default: 300_000,
    min: 1,
    description:
      "A kept user's recent interactions are read again after this long even without a change message",
  }),
  RECOMMEND_SHORTLIST_SIZE: intVar({
    default: 50,
    min: 0,
    max: 1000,
    description:
      "Items in each user's kept list: precomputed for every user after a model swap, and searched once per new click for a user with clicks since training (0: search the index on every request)",
  }),
  RECOMMEND_SHORTLIST_MAX_USERS: intVar({
    default: 500_000,
    min: 0,
    description:
      'Users whose lists are precomputed (the first ones of the model); others are searched per request',
  }),
  RECOMMEND_SHORTLIST_THREAD_ABOVE: intVar({
    default: 20_000_000,
    min: 0,
    description:
      'Users x items above which the lists are computed on a worker thread (below: between requests)',
  }),
  MODEL_POLL_INTERVAL_MS: intVar({
    default: 5000,
    min: 100,
    description: 'Safety-net poll of the current model version',
  }),
  CATALOGUE_REFRESH_MS: intVar({
    default: 1000,
    min: 50,
    description: 'How often the catalogue changes of other replicas are picked up',
  }),
  POPULAR_REFRESH_MS: intVar({
    default: 5000,
    min: 100,
    description: 'How often the popular items are re-read',
  }),
  API_READ_KEYS: listVar({
    default: '',
    allowEmpty: true,
    description: 'Comma-separated API keys that may read recommendations',
  }),
  API_WRITE_KEYS: listVar({
    default: '',
    allowEmpty: true,
    description:
      'Comma-separated API keys that may also send events, change the catalogue, train and activate models',
  }),
  INDEX_EXACT_BELOW: intVar({
    default: 20_000,
    min: 0,
    description:
      'Catalogues with fewer items are searched exactly; bigger ones with an approximate index',
  }),
  INDEX_ALGORITHM: z
    .enum(['auto', 'hnsw', 'ivf'])
    .default('auto')
    // auto: see DEFAULT_HNSW_BELOW in libs/vector-index for the measurements behind the threshold.
    .describe(
      'Approximate index: auto (hnsw below INDEX_HNSW_BELOW items, ivf above), hnsw or ivf',
    ),
  INDEX_HNSW_BELOW: intVar({
    default: 120_000,
    min: 0,
    description:
      'With auto: HNSW below this many items (its build time grows fastest), IVF from here',
  }),
  INDEX_BUILD_THREADS: intVar({
    default: 2,
    min: 1,
    max: 16,
    description:
      'Worker threads building an IVF index, one shard of 100k+ items each; HNSW uses one',
  }),
  // Counted in fixed windows of RATE_LIMIT_BURST / RATE_LIMIT_PER_SECOND seconds (2 s by default), shared by
  // every replica through Redis: a key may send the burst once per window, the sustained rate on average.
  RATE_LIMIT_PER_SECOND: numberVar({
    default: 2000,
    min: 1,
    description:
      'Sustained requests per second allowed per API key, over all api replicas (the window is RATE_LIMIT_BURST / RATE_LIMIT_PER_SECOND seconds)',
  }),
  RATE_LIMIT_BURST: intVar({
    default: 4000,
    min: 1,
    description: 'Requests a key may send at once: the count allowed per window',
  }),
  RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: intVar({
    default: 60,
    min: 1,
    description:
      'Requests without a valid API key allowed per client address and minute (then 429); a valid key still passes',
  }),
  METRICS_ENABLED: boolVar({
    default: true,
    description:
      'Time every HTTP request for GET /metrics (Prometheus text, no key needed); false: no timing, /metrics answers 404',
  }),
  ...catalogueEnv,
};

/**
 * The api module's variables whatever its adapters: the HTTP server, access and serving. The embedded app
 * composes its schema from this one (see apps/embedded/src/config.ts).
 */
export const apiHttpEnvSchema = z.object({
  HOST: stringVar({ default: '0.0.0.0', description: 'Interface the HTTP server listens on' }),
  PORT: intVar({ default: 3000, min: 1, max: 65535, description: 'HTTP port' }),
  ...logEnv,
  ...httpEnv,
});

/** Every variable the api reads, with its default; `.env.example` documents the same names. */
export const apiEnvSchema = apiHttpEnvSchema.extend({
  API_KEYS_REQUIRED: boolVar({
    default: true,
    description: 'Refuse to start without API keys (set false only for local development)',
  }),
  ...databaseEnv,
  ...redisEnv,
  ...kafkaEnv('recsys-api'),
  KAFKA_PUBLISH_TIMEOUT_MS: intVar({
    default: 5000,
    min: 100,
    description:
      'Longest POST /events waits for the broker before answering 503 with Retry-After (broker outage budget)',
  }),
  KAFKA_MAX_REQUEST_BYTES: intVar({
    default: 900_000,
    min: 10_000,
    description:
      "Largest produce request of POST /events; bigger batches are split (keep below the broker's message.max.bytes)",
  }),
});

export type ApiConfig = Readonly<z.infer<typeof apiEnvSchema>>;

/** Parses the api's environment once at start-up; throws listing every bad variable. */
export function loadApiConfig(env: Record<string, string | undefined>): ApiConfig {
  const config = parseEnv(apiEnvSchema, env);
  assertKeysConfigured(config);
  return config;
}

/** The api module's settings from its variables (the embedded app reads the same ones). */
export function apiSettingsFrom(
  config: z.infer<typeof apiHttpEnvSchema>,
  options: { keysRequired: boolean },
): ApiSettings {
  return {
    recommendDefaultLimit: config.RECOMMEND_DEFAULT_LIMIT,
    recommendMaxLimit: config.RECOMMEND_MAX_LIMIT,
    recommendMaxOffset: config.RECOMMEND_MAX_OFFSET,
    modelPollIntervalMs: config.MODEL_POLL_INTERVAL_MS,
    catalogueRefreshMs: config.CATALOGUE_REFRESH_MS,
    catalogueMode: config.CATALOGUE_MODE,
    popularRefreshMs: config.POPULAR_REFRESH_MS,
    realtimeWeight: config.REALTIME_WEIGHT,
    recentInteractionsPerRequest: config.RECENT_INTERACTIONS_PER_REQUEST,
    recentCache: { maxUsers: config.RECENT_CACHE_USERS, ttlMs: config.RECENT_CACHE_TTL_MS },
    shortlists: {
      size: config.RECOMMEND_SHORTLIST_SIZE,
      maxUsers: config.RECOMMEND_SHORTLIST_MAX_USERS,
      threadAbovePairs: config.RECOMMEND_SHORTLIST_THREAD_ABOVE,
    },
    index: {
      exactBelow: config.INDEX_EXACT_BELOW,
      algorithm: config.INDEX_ALGORITHM,
      hnswBelow: config.INDEX_HNSW_BELOW,
      buildThreads: config.INDEX_BUILD_THREADS,
    },
    metricsEnabled: config.METRICS_ENABLED,
    access: {
      readKeys: new Set(config.API_READ_KEYS),
      writeKeys: new Set(config.API_WRITE_KEYS),
      keysRequired: options.keysRequired,
      ratePerSecond: config.RATE_LIMIT_PER_SECOND,
      rateBurst: config.RATE_LIMIT_BURST,
      authFailuresPerMinute: config.RATE_LIMIT_AUTH_FAILURES_PER_MINUTE,
    },
  };
}

// Production refuses to start open: a forgotten variable must not expose the write endpoints.
function assertKeysConfigured(config: ApiConfig): void {
  if (config.API_KEYS_REQUIRED && config.API_WRITE_KEYS.length === 0) {
    throw new ConfigError([
      'API_WRITE_KEYS: no API keys configured; set API_WRITE_KEYS (and API_READ_KEYS), or API_KEYS_REQUIRED=false for local development',
    ]);
  }
}
