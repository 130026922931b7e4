import {
  DomainError,
  eventTimeMs,
  recentInteractionOf,
  type ClassifiedEvent,
  type PopularItem,
  type RealtimeStore,
  type RecentInteraction,
  type UserChangeWatcher,
} from '@recsys/domain';
import { InMemoryPopularity } from './in-memory-realtime-store-popularity';
import { InMemoryRecentLists, type InMemoryRecentEntry } from './in-memory-realtime-store-recent';
import { InMemoryUserWatchers } from './in-memory-user-watchers';

/** The same settings as the Redis realtime store, all defaulted. */
export interface InMemoryRealtimeStoreOptions {
  maxRecentPerUser?: number;
  popularityHalfLifeMs?: number;
  /** Users whose newest event is this much older than the newest event seen are forgotten. */
  recentTtlSeconds?: number;
  maxPopularItems?: number;
}

// The Redis store's limit, kept here so a setting the embedded mode accepts is one production accepts.
const MAX_RECENT_PER_USER = 1_000;

const DEFAULTS = {
  maxRecentPerUser: 50,
  popularityHalfLifeMs: 7 * 24 * 60 * 60 * 1000,
  recentTtlSeconds: 30 * 24 * 60 * 60,
  maxPopularItems: 100_000,
};

/**
 * The realtime store of the embedded mode: recent interactions and decayed popularity in process memory,
 * with the Redis store's rules (the shared contract suite holds both to them). It reads no clock: times
 * come from the events and from the `now` of popularItems. Watchers hear of a batch's users synchronously,
 * right after the batch is applied.
 */
export class InMemoryRealtimeStore implements RealtimeStore {
  private readonly recent: InMemoryRecentLists;
  private readonly popularity: InMemoryPopularity;
  private readonly maxRecentPerUser: number;
  private readonly watchers = new InMemoryUserWatchers();

  constructor(options: InMemoryRealtimeStoreOptions = {}) {
    const settings = resolveSettings(options);
    this.maxRecentPerUser = settings.maxRecentPerUser;
    this.recent = new InMemoryRecentLists({
      maxPerUser: settings.maxRecentPerUser,
      ttlMs: settings.recentTtlSeconds * 1000,
    });
    this.popularity = new InMemoryPopularity({
      halfLifeMs: settings.popularityHalfLifeMs,
      maxItems: settings.maxPopularItems,
    });
  }

  /** Applies the whole batch synchronously: a concurrent reader sees all of it or none. */
  record(events: readonly ClassifiedEvent[]): Promise<void> {
    return settle(() => this.recordNow(events));
  }

  recentInteractions(userId: string, limit: number): Promise<RecentInteraction[]> {
    return settle(() =>
      this.recent.newest(userId, Math.min(checkLimit(limit), this.maxRecentPerUser)),
    );
  }

  popularItems(limit: number, now: Date): Promise<PopularItem[]> {
    return settle(() => this.popularity.top(checkLimit(limit), now.getTime()));
  }

  /** The watcher is live at once and hears of every later batch before its `record` resolves. */
  watchUsers(watcher: UserChangeWatcher): Promise<() => Promise<void>> {
    return settle(() => this.watchers.add(watcher));
  }

  close(): Promise<void> {
    this.watchers.clear();
    return Promise.resolve();
  }

  private recordNow(events: readonly ClassifiedEvent[]): void {
    // Parsed first, so an invalid timestamp rejects the batch before anything changes.
    const timed = events.map((classified) => ({
      classified,
      timeMs: eventTimeMs(classified.event),
    }));
    const byUser = new Map<string, InMemoryRecentEntry[]>();
    for (const { classified, timeMs } of timed) {
      const { event, polarity, weight } = classified;
      const interaction = recentInteractionOf(classified);
      const entries = byUser.get(event.userId);
      if (entries) entries.push({ timeMs, interaction });
      else byUser.set(event.userId, [{ timeMs, interaction }]);
      if (polarity === 1 && weight > 0 && Number.isFinite(weight)) {
        this.popularity.add(event.itemId, { weight, eventTimeMs: timeMs });
      }
    }
    for (const [userId, entries] of byUser) this.recent.merge(userId, entries);
    this.watchers.announce([...byUser.keys()]);
  }
}

function resolveSettings(options: InMemoryRealtimeStoreOptions): typeof DEFAULTS {
  const settings = { ...DEFAULTS };
  for (const name of Object.keys(DEFAULTS) as (keyof typeof DEFAULTS)[]) {
    const value = options[name];
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value <= 0) invalidOption(name, value, 'a positive integer');
    settings[name] = value;
  }
  if (settings.maxRecentPerUser > MAX_RECENT_PER_USER) {
    invalidOption('maxRecentPerUser', settings.maxRecentPerUser, `at most ${MAX_RECENT_PER_USER}`);
  }
  return settings;
}

function invalidOption(name: string, value: number, expected: string): never {
  throw new DomainError('INVALID_OPTIONS', `${name} must be ${expected}`, { [name]: value });
}

function checkLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 0) {
    throw new DomainError('INVALID_LIMIT', 'limit must be a non-negative integer', { limit });
  }
  return limit;
}

/** Runs `work` now and turns a throw into a rejected promise, as an async method of the Redis store would. */
function settle<T>(work: () => T): Promise<T> {
  return new Promise((resolve) => resolve(work()));
}
