import type { RecentInteraction } from '@recsys/domain';
import { compareUtf8 } from './in-memory-realtime-store-order';

/** One entry of a user's recent list, with the event time it is ordered by. */
export interface InMemoryRecentEntry {
  timeMs: number;
  interaction: RecentInteraction;
}

interface UserRecent {
  entries: Map<string, InMemoryRecentEntry>;
  newestMs: number;
}

const FIRST_SWEEP_AT_USERS = 1024;

/**
 * Every user's recent list in process memory, with the Redis store's rules: one entry per item (only a strictly
 * newer event replaces it: the first recorded wins a tie), newest first, at most `maxPerUser`. Having no
 * clock, it expires by event time instead of wall time: once the user count has doubled since the last
 * sweep, users whose newest event is `ttlMs` older than the newest event seen are dropped.
 */
export class InMemoryRecentLists {
  private readonly users = new Map<string, UserRecent>();
  private newestEventMs = -Infinity;
  private sweepAtUsers = FIRST_SWEEP_AT_USERS;

  constructor(private readonly settings: { maxPerUser: number; ttlMs: number }) {}

  /** Merges one user's entries, then trims the oldest beyond maxPerUser. */
  merge(userId: string, entries: readonly InMemoryRecentEntry[]): void {
    let user = this.users.get(userId);
    if (!user) this.users.set(userId, (user = { entries: new Map(), newestMs: -Infinity }));
    for (const entry of entries) {
      const stored = user.entries.get(entry.interaction.itemId);
      if (!stored || stored.timeMs < entry.timeMs)
        user.entries.set(entry.interaction.itemId, entry);
      user.newestMs = Math.max(user.newestMs, entry.timeMs);
      this.newestEventMs = Math.max(this.newestEventMs, entry.timeMs);
    }
    if (user.entries.size > this.settings.maxPerUser) {
      const kept = sortedNewestFirst(user.entries).slice(0, this.settings.maxPerUser);
      user.entries = new Map(kept.map((entry) => [entry.interaction.itemId, entry]));
    }
    if (this.users.size >= this.sweepAtUsers) this.sweep();
  }

  /** Copies of the user's newest `limit` interactions; [] for an unknown user. */
  newest(userId: string, limit: number): RecentInteraction[] {
    const user = this.users.get(userId);
    if (!user) return [];
    return sortedNewestFirst(user.entries)
      .slice(0, limit)
      .map((entry) => ({ ...entry.interaction }));
  }

  private sweep(): void {
    const oldestKeptMs = this.newestEventMs - this.settings.ttlMs;
    for (const [userId, user] of this.users) {
      if (user.newestMs < oldestKeptMs) this.users.delete(userId);
    }
    this.sweepAtUsers = Math.max(FIRST_SWEEP_AT_USERS, 2 * this.users.size);
  }
}

// Newest first; equal times by item id descending (UTF-8 bytes), as a reversed Redis sorted-set range.
function sortedNewestFirst(entries: Map<string, InMemoryRecentEntry>): InMemoryRecentEntry[] {
  return [...entries.values()].sort(
    (a, b) => b.timeMs - a.timeMs || compareUtf8(b.interaction.itemId, a.interaction.itemId),
  );
}
