/**
 * The Redis key format of the realtime store, the one place that knows it. User ids are URI-encoded, so
 * they hold no ':' or braces and cannot mimic another key; the `{user}` hash tag keeps a user's two keys
 * in one cluster slot (the store itself targets one server: see README). The half-life is part of the
 * popularity key because stored scores only mean something for the half-life they were computed with
 * (see log-popularity.ts).
 */
export class RealtimeKeys {
  constructor(
    private readonly prefix: string,
    private readonly popularityHalfLifeMs: number,
  ) {}

  /** Sorted set: the user's recent item ids, scored by event time in epoch milliseconds. */
  recentItems(userId: string): string {
    return `${this.prefix}realtime:v1:recent:{${encodeURIComponent(userId)}}`;
  }

  /** Hash: item id -> `polarity|weight|at` for every member of recentItems(userId). */
  recentDetails(userId: string): string {
    return `${this.prefix}realtime:v1:recent-details:{${encodeURIComponent(userId)}}`;
  }

  /** Pub/sub channel: one message per recorded batch, the JSON array of the user ids it touched. */
  get changedUsersChannel(): string {
    return `${this.prefix}realtime:v1:changed-users`;
  }

  /** Sorted set: item id -> ln of its decayed popularity at the fixed epoch. */
  get popularity(): string {
    return `${this.prefix}realtime:v1:popularity:${this.popularityHalfLifeMs}`;
  }
}
