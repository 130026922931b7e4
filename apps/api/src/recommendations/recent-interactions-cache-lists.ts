import type { RecentInteraction, UserChangeWatcher, UserWatchState } from '@recsys/domain';

/** How many lists a RecentListsCache keeps, for how long, and where it reads them. */
export interface RecentListsCacheOptions {
  /** Users whose lists are kept (those not asked for longest go first, by second chance); 0 keeps none. */
  maxUsers: number;
  /** A kept list is read again after this long even without a change message: a safety net. */
  ttlMs: number;
  /** A monotonic clock in milliseconds. */
  nowMs: () => number;
  /** Reads one user's list from the store. */
  read: (userId: string) => Promise<readonly RecentInteraction[]>;
}

type RecentList = readonly RecentInteraction[];

interface KeptList {
  interactions: RecentList;
  expiresAtMs: number;
  /** Asked for since it was kept or last spared by an eviction (the CLOCK algorithm's reference bit). */
  used: boolean;
}

/**
 * Users' recent-interaction lists kept in memory while the store's change announcements are live: a kept
 * list is answered synchronously; a change message drops the user's list, a reset drops every list, and
 * while announcements are not live every call reads the store and nothing is kept. A read that was
 * overtaken by a change or reset while in flight answers its caller but is never kept: the registration
 * of a read in `inFlight` is its ticket, and invalidation tears the ticket up. Lists are shared between
 * callers: never mutate one.
 */
export class RecentListsCache implements UserChangeWatcher {
  // Second-chance (CLOCK) eviction in the Map's insertion order: a hit only sets `used`, because moving a
  // user to the end on every hit (delete + set in a map of 100k users) was a tenth of a request's CPU.
  private readonly kept = new Map<string, KeptList>();
  private readonly inFlight = new Map<string, Promise<RecentList>>();
  private live = false;

  constructor(private readonly options: RecentListsCacheOptions) {}

  /** The user's kept list, or undefined when it must be loaded. */
  cached(userId: string): RecentList | undefined {
    const list = this.kept.get(userId);
    if (!list) return undefined;
    if (list.expiresAtMs <= this.options.nowMs()) {
      this.kept.delete(userId);
      return undefined;
    }
    list.used = true;
    return list.interactions;
  }

  /** Reads the user's list (one read for concurrent callers) and keeps it unless a change overtook it. */
  load(userId: string): Promise<RecentList> {
    if (!this.live || this.options.maxUsers === 0) return this.options.read(userId);
    const pending = this.inFlight.get(userId);
    if (pending) return pending;
    const readAtMs = this.options.nowMs();
    const read: Promise<RecentList> = this.options.read(userId).then(
      (interactions) => {
        if (this.inFlight.get(userId) !== read) return interactions;
        this.inFlight.delete(userId);
        this.keep(userId, { interactions, expiresAtMs: readAtMs + this.options.ttlMs, used: false }); // prettier-ignore
        return interactions;
      },
      (error: unknown) => {
        if (this.inFlight.get(userId) === read) this.inFlight.delete(userId);
        throw error;
      },
    );
    this.inFlight.set(userId, read);
    return read;
  }

  /** Drops the lists of users that changed, and tears up the tickets of their reads in flight. */
  onChanged(userIds: readonly string[]): void {
    for (const userId of userIds) {
      this.kept.delete(userId);
      this.inFlight.delete(userId);
    }
  }

  /** Drops everything; keeps lists again only while announcements are live. */
  onReset(state: UserWatchState): void {
    this.live = state === 'live';
    this.kept.clear();
    this.inFlight.clear();
  }

  /** Number of users whose list is kept (expired ones included until they are asked for or evicted). */
  get size(): number {
    return this.kept.size;
  }

  private keep(userId: string, list: KeptList): void {
    this.kept.delete(userId);
    // Before the insertion, so the list just read is never the one evicted.
    if (this.kept.size >= this.options.maxUsers) this.evictOne();
    this.kept.set(userId, list);
  }

  /** Drops the oldest list not asked for since its last pass; lists asked for go to the end, unmarked. */
  private evictOne(): void {
    // Ends within one pass: every list it spares loses its mark.
    for (const [userId, list] of this.kept) {
      this.kept.delete(userId);
      if (!list.used) return;
      list.used = false;
      this.kept.set(userId, list);
    }
  }
}
