import {
  DomainError,
  type ClassifiedEvent,
  type PopularItem,
  type RealtimeStore,
  type RecentInteraction,
  type UserChangeWatcher,
} from '@recsys/domain';
import type { RedisConnectionOptions } from '../open-redis-connection';
import { encodeChangedUsers } from './changed-users-message';
import { ChangedUsersSubscription } from './changed-users-subscription';
import { FailFastConnection } from './fail-fast-connection';
import { decayedPopularity } from '@recsys/domain';
import { popularityIncrements } from './popularity-increments';
import { RealtimeKeys } from './realtime-keys';
import { resolveRealtimeSettings, type RealtimeSettings } from './realtime-settings';
import { RealtimeCommands } from './realtime-commands';
import { newestEntriesByUser } from './recent-entries';
import { decodeRecentDetails } from './recent-details-codec';

/** Where Redis is and how the realtime store keeps its data there (see this lib's README for the keys). */
export type RedisRealtimeStoreOptions = Omit<RedisConnectionOptions, 'connectionName'> &
  Partial<RealtimeSettings>;

const DEFAULT_COMMAND_TIMEOUT_MS = 5_000;
const DEFAULT_CONNECT_TIMEOUT_MS = 2_000;
// Users merged by one script call: a call per user pays command overhead in ioredis and Redis per user,
// one call for a whole batch of ~500 users would block other clients (the api's reads) for ~4 ms. A
// 100-user call took ~0.9 ms on the shared 2-core test machine.
const USERS_PER_SCRIPT = 100;

/**
 * Recent interactions per user and decayed item popularity in Redis. Reads are one round trip each and
 * fail within `readTimeoutMs` when Redis is slow or gone; `record` writes a whole batch in one pipeline,
 * whose last command publishes the users it touched (Redis runs a pipeline in order, so a watcher that hears
 * of a user can already read the change).
 */
export class RedisRealtimeStore implements RealtimeStore {
  private readonly connection: FailFastConnection;
  private readonly settings: RealtimeSettings;
  private readonly keys: RealtimeKeys;
  private readonly commands: RealtimeCommands;
  private readonly writeTimeoutMs: number;
  private readonly changedUsers: ChangedUsersSubscription;

  constructor(options: RedisRealtimeStoreOptions) {
    this.settings = resolveRealtimeSettings(options);
    this.keys = new RealtimeKeys(this.settings.keyPrefix, this.settings.popularityHalfLifeMs);
    this.writeTimeoutMs = options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
    this.connection = new FailFastConnection({
      ...options,
      commandTimeoutMs: this.writeTimeoutMs,
      connectionName: 'recsys-realtime-store',
    });
    this.commands = new RealtimeCommands(this.connection.redis);
    this.changedUsers = new ChangedUsersSubscription({
      channel: this.keys.changedUsersChannel,
      openConnection: () => this.openSubscriberConnection(),
      firstAttemptTimeoutMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    });
  }

  /** Writes every user's recent list and the popularity increments of the batch in one pipeline. */
  async record(events: readonly ClassifiedEvent[]): Promise<void> {
    if (events.length === 0) return;
    const { maxRecentPerUser, recentTtlSeconds, popularityHalfLifeMs } = this.settings;
    const entriesByUser = newestEntriesByUser(events, maxRecentPerUser);
    const increments = popularityIncrements(events, popularityHalfLifeMs);
    const users = [...entriesByUser].map(([userId, entries]) => ({
      keys: [this.keys.recentItems(userId), this.keys.recentDetails(userId)] as const,
      entries,
    }));
    await this.connection.run('record', this.writeTimeoutMs, async (redis) => {
      const pipeline = redis.pipeline();
      for (let start = 0; start < users.length; start += USERS_PER_SCRIPT) {
        this.commands.recordRecent(pipeline, {
          users: users.slice(start, start + USERS_PER_SCRIPT),
          maxRecent: maxRecentPerUser,
          ttlSeconds: recentTtlSeconds,
        });
      }
      if (increments.size > 0) {
        this.commands.addPopularity(pipeline, {
          key: this.keys.popularity,
          maxItems: this.settings.maxPopularItems,
          increments,
        });
      }
      pipeline.publish(
        this.keys.changedUsersChannel,
        encodeChangedUsers([...entriesByUser.keys()]),
      );
      throwFirstError(await pipeline.exec());
    });
  }

  async recentInteractions(userId: string, limit: number): Promise<RecentInteraction[]> {
    const count = Math.min(checkLimit(limit), this.settings.maxRecentPerUser);
    if (count === 0) return [];
    const keys = [this.keys.recentItems(userId), this.keys.recentDetails(userId)] as const;
    const [itemIds, details] = await this.connection.run(
      'recentInteractions',
      this.settings.readTimeoutMs,
      () => this.commands.readRecent(keys, count),
    );
    return itemIds
      .map((itemId, index) => (details[index] ? decodeRecentDetails(itemId, details[index]) : null))
      .filter((interaction): interaction is RecentInteraction => interaction !== null);
  }

  async popularItems(limit: number, now: Date): Promise<PopularItem[]> {
    if (checkLimit(limit) === 0) return [];
    const flat = await this.connection.run('popularItems', this.settings.readTimeoutMs, (redis) =>
      redis.zrevrange(this.keys.popularity, 0, limit - 1, 'WITHSCORES'),
    );
    const decay = { nowMs: now.getTime(), halfLifeMs: this.settings.popularityHalfLifeMs };
    const items: PopularItem[] = [];
    for (let i = 0; i < flat.length; i += 2) {
      items.push({ itemId: flat[i], score: decayedPopularity(Number(flat[i + 1]), decay) });
    }
    return items;
  }

  /** Subscribes on a connection of its own (opened on the first call); see the port for the states. */
  watchUsers(watcher: UserChangeWatcher): Promise<() => Promise<void>> {
    return this.changedUsers.add(watcher);
  }

  async close(): Promise<void> {
    await Promise.all([this.changedUsers.close(), this.connection.close()]);
  }

  private openSubscriberConnection() {
    // Same server and timeouts; the subscription is renewed by hand, to know when it is live again.
    const redis = this.connection.redis.duplicate({
      connectionName: 'recsys-realtime-changes',
      autoResubscribe: false,
    });
    redis.on('error', () => undefined);
    return redis;
  }
}

function checkLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 0) {
    throw new DomainError('INVALID_LIMIT', 'limit must be a non-negative integer', { limit });
  }
  return limit;
}

function throwFirstError(results: [Error | null, unknown][] | null): void {
  const failed = (results ?? []).find(([error]) => error !== null);
  if (failed?.[0]) throw failed[0];
}
