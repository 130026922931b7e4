import type { ClassifiedEvent } from './event-log';

/** One recent interaction of a user, as the api needs it to react to clicks before the next training. */
export interface RecentInteraction {
  itemId: string;
  /** 1 liked, -1 unliked, 0 neutral (see ClassifiedEvent). */
  polarity: -1 | 0 | 1;
  /** Weight of a liked interaction (0 otherwise). */
  weight: number;
  /** ISO-8601 time of the event. */
  at: string;
  /**
   * ISO-8601 time the service received it, when known: what to compare with a model's training time, since
   * a late event (old `at`) arrived after training and is news to the model.
   */
  receivedAt?: string;
}

/** The recent-list entry of a classified event (weight kept only for a liked one). */
export function recentInteractionOf({
  event,
  polarity,
  weight,
  receivedAt,
}: ClassifiedEvent): RecentInteraction {
  const interaction: RecentInteraction = {
    itemId: event.itemId,
    polarity,
    weight: polarity === 1 ? weight : 0,
    at: event.timestamp,
  };
  if (receivedAt !== undefined) interaction.receivedAt = receivedAt;
  return interaction;
}

export interface PopularItem {
  itemId: string;
  /** Recency-decayed weighted count of liked interactions; comparable only within one answer. */
  score: number;
}

/** Whether changes are being announced to a watcher (see RealtimeStore.watchUsers). */
export type UserWatchState = 'live' | 'lost';

/** What the watcher of a realtime store is told. */
export interface UserChangeWatcher {
  /** These users' recent interactions may have changed; told only once the change is readable. */
  onChanged(userIds: readonly string[]): void;
  /**
   * 'live': changes are announced from now on (the first time, and after every reconnection); 'lost':
   * announcements stopped, so changes go unannounced until the next 'live'. Either way some may have been
   * missed: forget whatever was derived from earlier reads.
   */
  onReset(state: UserWatchState): void;
}

/**
 * Fast per-user and global state fed by the ingestor right after the event log write, read by the api to
 * answer requests: each user's most recent interactions (one entry per item, newest first, at most
 * `maxRecentPerUser`), and item popularity as recency-decayed counts of liked interactions (half-life
 * `popularityHalfLifeMs`). Delivery is at least once: a replayed batch may count twice in popularity, never
 * twice in a user's recent list. Every `record` announces the users it touched to `watchUsers` watchers, so a
 * reader may keep recent lists in memory.
 */
export interface RealtimeStore {
  record(events: readonly ClassifiedEvent[]): Promise<void>;
  /** Newest first; an unknown user has none. */
  recentInteractions(userId: string, limit: number): Promise<RecentInteraction[]>;
  /** Most popular first, decayed to `now`. */
  popularItems(limit: number, now: Date): Promise<PopularItem[]>;
  /**
   * Tells `watcher` which users every later `record` touched (a replay included), from any process sharing
   * the store. Resolves once the watcher is registered, after a first attempt to subscribe (also when that
   * failed); announcements reach it only from its first onReset('live') on, which may come before this
   * resolves or much later. Returns unwatch.
   */
  watchUsers(watcher: UserChangeWatcher): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
