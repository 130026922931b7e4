import { DomainError } from '@recsys/domain';

/** The storage and timing choices of a RedisRealtimeStore, all defaulted. */
export interface RealtimeSettings {
  /** Prepended to every key. */
  keyPrefix: string;
  /** Entries kept per user (one per item, the newest by event time), at most MAX_RECENT_PER_USER. */
  maxRecentPerUser: number;
  /** A user's recent list expires this long after its last write. */
  recentTtlSeconds: number;
  /** Popularity halves every this many milliseconds of event time. */
  popularityHalfLifeMs: number;
  /** The popularity set is trimmed to this many items, dropping the least popular. */
  maxPopularItems: number;
  /** Reads give up after this long (the api then serves without realtime data). */
  readTimeoutMs: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
// The scripts pass a user's whole list to one Redis command (Lua unpack), which holds a few thousand values.
const MAX_RECENT_PER_USER = 1_000;

/** The defaults of every setting. */
export const DEFAULT_REALTIME_SETTINGS: RealtimeSettings = {
  keyPrefix: 'recsys:',
  maxRecentPerUser: 50,
  recentTtlSeconds: 30 * 24 * 60 * 60,
  popularityHalfLifeMs: 7 * DAY_MS,
  maxPopularItems: 100_000,
  readTimeoutMs: 50,
};

const POSITIVE_INTEGERS = [
  'maxRecentPerUser',
  'recentTtlSeconds',
  'popularityHalfLifeMs',
  'maxPopularItems',
  'readTimeoutMs',
] as const;

/** Fills in defaults and throws INVALID_OPTIONS, naming every bad value at once. */
export function resolveRealtimeSettings(options: Partial<RealtimeSettings>): RealtimeSettings {
  const settings: RealtimeSettings = { ...DEFAULT_REALTIME_SETTINGS };
  for (const [name, value] of Object.entries(options)) {
    if (value !== undefined && name in settings) Object.assign(settings, { [name]: value });
  }
  const problems = POSITIVE_INTEGERS.filter((name) => !isPositiveInteger(settings[name])).map(
    (name) => `${name} must be a positive integer`,
  );
  if (settings.maxRecentPerUser > MAX_RECENT_PER_USER) {
    problems.push(`maxRecentPerUser must be at most ${MAX_RECENT_PER_USER}`);
  }
  if (problems.length > 0) {
    throw new DomainError('INVALID_OPTIONS', problems.join('; '), { problems });
  }
  return settings;
}

function isPositiveInteger(value: number): boolean {
  return Number.isInteger(value) && value > 0;
}
