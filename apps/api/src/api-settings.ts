import type { CatalogueMode } from '@recsys/recommendations';

/** Who may call what: read keys may read recommendations; write keys may also change state. */
export interface AccessSettings {
  readKeys: ReadonlySet<string>;
  writeKeys: ReadonlySet<string>;
  /** When false and no key is configured, every request is allowed (local development only). */
  keysRequired: boolean;
  /** Sustained requests per second allowed per key, and the most it may send at once. */
  ratePerSecond: number;
  rateBurst: number;
  /** Requests without a valid key allowed per client address and minute. */
  authFailuresPerMinute: number;
}

/** HTTP behaviour the api is configured with. */
export interface ApiSettings {
  recommendDefaultLimit: number;
  recommendMaxLimit: number;
  recommendMaxOffset: number;
  /** Safety-net poll of the current model version, in case a publish notification was missed. */
  modelPollIntervalMs: number;
  catalogueRefreshMs: number;
  /** strict: only catalogue items are recommended; open: also items the catalogue never described. */
  catalogueMode: CatalogueMode;
  popularRefreshMs: number;
  /** Share of the items liked since training in a known user's query vector. */
  realtimeWeight: number;
  /** Recent interactions read per request. */
  recentInteractionsPerRequest: number;
  /** Users whose recent interactions are kept in memory between change messages (0: none), and for how long at most. */
  recentCache: { maxUsers: number; ttlMs: number };
  access: AccessSettings;
  /**
   * Per-user lists computed after each swap: `size` items each, for the first `maxUsers` users (0: off), on a
   * worker thread when users x items exceeds `threadAbovePairs`.
   */
  shortlists: { size: number; maxUsers: number; threadAbovePairs: number };
  /**
   * Nearest-neighbour index: exact below `exactBelow` items, the approximate `algorithm` above ('auto':
   * HNSW below `hnswBelow` items, IVF from there), built on `buildThreads` worker threads (IVF shards).
   */
  index: {
    exactBelow: number;
    algorithm: 'auto' | 'hnsw' | 'ivf';
    hnswBelow: number;
    buildThreads: number;
  };
  /** Per-request HTTP timings and `GET /metrics` (default on); the counters behind it always count. */
  metricsEnabled?: boolean;
}

export const API_SETTINGS = Symbol('API_SETTINGS');
