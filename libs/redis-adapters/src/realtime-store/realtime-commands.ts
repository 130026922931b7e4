import type Redis from 'ioredis';
import type { ChainableCommander } from 'ioredis';
import type { RecentEntry } from './recent-entries';
import { encodeRecentDetails } from './recent-details-codec';
import {
  ADD_POPULARITY_SCRIPT,
  READ_RECENT_SCRIPT,
  RECORD_RECENT_SCRIPT,
} from './realtime-scripts';

type ScriptArgument = string | number;

// ioredis adds a method per defined script at run time; these are their shapes.
interface ScriptMethods<Result> {
  recsysRealtimeRecordRecent(...args: ScriptArgument[]): Result;
  recsysRealtimeReadRecent(...args: ScriptArgument[]): Result;
  recsysRealtimeAddPopularity(...args: ScriptArgument[]): Result;
}

/** One user's recent-list keys (sorted set, details hash) and the entries to merge into them. */
export interface UserEntries {
  keys: readonly [string, string];
  entries: readonly RecentEntry[];
}

/** Item ids newest first, and the stored details of each (null if missing). */
export type RecentReply = [itemIds: string[], details: (string | null)[]];

/**
 * The realtime store's Lua scripts as typed calls. ioredis sends a script's body once per connection and
 * EVALSHA after that, reloading it by itself if Redis lost it (restart, SCRIPT FLUSH).
 */
export class RealtimeCommands {
  constructor(private readonly redis: Redis) {
    // The key count varies with the number of users: it is the first argument of each call.
    redis.defineCommand('recsysRealtimeRecordRecent', { lua: RECORD_RECENT_SCRIPT });
    redis.defineCommand('recsysRealtimeReadRecent', {
      numberOfKeys: 2,
      lua: READ_RECENT_SCRIPT,
      readOnly: true,
    });
    redis.defineCommand('recsysRealtimeAddPopularity', {
      numberOfKeys: 1,
      lua: ADD_POPULARITY_SCRIPT,
    });
  }

  /** Queues the merge of several users' entries (each newest first, at most maxRecent) into their lists. */
  recordRecent(
    pipeline: ChainableCommander,
    options: { users: readonly UserEntries[]; maxRecent: number; ttlSeconds: number },
  ): void {
    const keys = options.users.flatMap((user) => user.keys);
    const entries = options.users.flatMap((user) => [
      user.entries.length,
      ...user.entries.flatMap((entry) => [
        entry.interaction.itemId,
        entry.timeMs,
        encodeRecentDetails(entry.interaction),
      ]),
    ]);
    asScripts<unknown>(pipeline).recsysRealtimeRecordRecent(
      keys.length,
      ...keys,
      options.maxRecent,
      options.ttlSeconds,
      ...entries,
    );
  }

  /** Queues the addition of ln increments to item popularity, then the trim to maxItems. */
  addPopularity(
    pipeline: ChainableCommander,
    options: { key: string; maxItems: number; increments: ReadonlyMap<string, number> },
  ): void {
    const pairs = [...options.increments].flatMap(([itemId, increment]) => [itemId, increment]);
    asScripts<unknown>(pipeline).recsysRealtimeAddPopularity(
      options.key,
      options.maxItems,
      ...pairs,
    );
  }

  /** One round trip: the newest `count` (>= 1) item ids of a user and their details. */
  async readRecent(keys: readonly [string, string], count: number): Promise<RecentReply> {
    const reply = await asScripts<Promise<unknown>>(this.redis).recsysRealtimeReadRecent(
      ...keys,
      count,
    );
    if (!Array.isArray(reply) || reply.length !== 2) return [[], []];
    const [itemIds, details] = reply as [string[], (string | null)[]];
    return [itemIds, details];
  }
}

function asScripts<Result>(target: Redis | ChainableCommander): ScriptMethods<Result> {
  return target as unknown as ScriptMethods<Result>;
}
