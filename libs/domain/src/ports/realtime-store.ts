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
}

export interface PopularItem {
  itemId: string;
  /** Recency-decayed weighted count of liked interactions; comparable only within one answer. */
  score: number;
}

/**
 * Fast per-user and global state fed by the ingestor right after the event log write, read by the api on
 * every request: each user's most recent interactions (one entry per item, newest first, at most
 * `maxRecentPerUser`), and item popularity as recency-decayed counts of liked interactions (half-life
 * `popularityHalfLifeMs`). Delivery is at least once: a replayed batch may count twice in popularity, never
 * twice in a user's recent list.
 */
export interface RealtimeStore {
  record(events: readonly ClassifiedEvent[]): Promise<void>;
  /** Newest first; an unknown user has none. */
  recentInteractions(userId: string, limit: number): Promise<RecentInteraction[]>;
  /** Most popular first, decayed to `now`. */
  popularItems(limit: number, now: Date): Promise<PopularItem[]>;
  close(): Promise<void>;
}
