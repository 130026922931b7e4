import type { UserChangeWatcher, UserWatchState } from '@recsys/domain';
import type Redis from 'ioredis';
import { decodeChangedUsers } from './changed-users-message';

/** Where the changed-users messages come from. */
export interface ChangedUsersSubscriptionOptions {
  channel: string;
  /** A new connection for the subscription alone: a subscribed connection can run no other command. */
  openConnection: () => Redis;
  /** How long `add` waits for the first subscription before returning (the watcher goes live later). */
  firstAttemptTimeoutMs: number;
}

/**
 * The watchers of one changed-users channel, served by one dedicated connection opened on the first `add`.
 * The channel is subscribed again by hand on every (re)connection, so the watchers know exactly when
 * announcements flow: 'live' once SUBSCRIBE has been answered, 'lost' as soon as the connection closes
 * (messages published meanwhile are gone: Redis pub/sub keeps nothing for an absent subscriber).
 */
export class ChangedUsersSubscription {
  private readonly watchers = new Set<UserChangeWatcher>();
  private connection: Redis | null = null;
  private firstAttempt: Promise<void> | null = null;
  private live = false;
  private closed = false;
  // Ends the first attempt of `open` early, once subscribed.
  private firstLive: (() => void) | null = null;

  constructor(private readonly options: ChangedUsersSubscriptionOptions) {}

  /** Registers `watcher` after a first attempt to subscribe; tells it 'live' once subscribed. */
  async add(watcher: UserChangeWatcher): Promise<() => Promise<void>> {
    this.firstAttempt ??= this.open();
    await this.firstAttempt;
    // A wrapper per call: watching twice with one object gives two independent registrations.
    const entry: UserChangeWatcher = {
      onChanged: (userIds) => watcher.onChanged(userIds),
      onReset: (state) => watcher.onReset(state),
    };
    if (this.closed) return () => Promise.resolve();
    this.watchers.add(entry);
    if (this.live) callSafely(() => entry.onReset('live'));
    return () => {
      this.watchers.delete(entry);
      return Promise.resolve();
    };
  }

  /** Forgets every watcher and closes the connection. */
  async close(): Promise<void> {
    this.closed = true;
    this.watchers.clear();
    const connection = this.connection;
    this.connection = null;
    await connection?.quit().catch(() => connection.disconnect());
  }

  private open(): Promise<void> {
    const redis = this.options.openConnection();
    this.connection = redis;
    redis.on('message', (channel: string, message: string) => {
      if (channel === this.options.channel) this.deliver(message);
    });
    redis.on('ready', () => void this.subscribe(redis));
    redis.on('close', () => this.setLive(false));
    return new Promise<void>((resolve) => {
      const settle = () => {
        clearTimeout(timer);
        redis.off('close', settle);
        this.firstLive = null;
        resolve();
      };
      const timer = setTimeout(settle, this.options.firstAttemptTimeoutMs);
      redis.once('close', settle);
      this.firstLive = settle;
    });
  }

  // On every 'ready': the channel is subscribed by hand, so 'live' is told only once Redis answered.
  private async subscribe(redis: Redis): Promise<void> {
    try {
      await redis.subscribe(this.options.channel);
    } catch {
      return; // The connection dropped again: the next 'ready' subscribes again.
    }
    if (redis.status === 'ready' && !this.closed) this.setLive(true);
  }

  private setLive(live: boolean): void {
    if (live === this.live) return;
    this.live = live;
    this.broadcast(live ? 'live' : 'lost');
    if (live) this.firstLive?.();
  }

  private deliver(message: string): void {
    const userIds = decodeChangedUsers(message);
    // A message this version cannot read names unknown users: every watcher must forget everything.
    if (userIds === null) return this.broadcast('live');
    for (const watcher of [...this.watchers]) callSafely(() => watcher.onChanged(userIds));
  }

  private broadcast(state: UserWatchState): void {
    for (const watcher of [...this.watchers]) callSafely(() => watcher.onReset(state));
  }
}

function callSafely(call: () => void): void {
  try {
    call();
  } catch {
    // A throwing watcher must not stop the others nor break the connection's reply parser.
  }
}
