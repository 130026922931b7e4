// Lua scripts of the realtime store: each runs atomically, so a reader never sees a user's sorted set and
// details hash disagree, and concurrent ingestors never lose a popularity increment.

/**
 * Merges entries into the recent lists of several users. KEYS: per user, recent items (sorted set) and
 * details (hash); ARGV: maxRecent, ttlSeconds, then per user (in KEYS order) an entry count followed by
 * that many (itemId, eventTimeMs, details) triples. An entry replaces the stored one of its item only if
 * strictly newer: a late event does not hide a newer one, the first recorded wins a tie, a replay changes
 * nothing (ZADD GT, Redis >= 6.2). Then trims the oldest beyond maxRecent (equal times: lowest item id
 * first, the reverse of the read order) and refreshes both expiries.
 */
export const RECORD_RECENT_SCRIPT = `
local max_recent, ttl = tonumber(ARGV[1]), ARGV[2]
local arg = 3
for k = 1, #KEYS, 2 do
  local recent, details = KEYS[k], KEYS[k + 1]
  local last = arg + 3 * tonumber(ARGV[arg])
  for i = arg + 1, last, 3 do
    -- GT: an existing item only moves to a strictly newer time; CH: 1 when added or moved.
    if redis.call('ZADD', recent, 'GT', 'CH', ARGV[i + 1], ARGV[i]) == 1 then
      redis.call('HSET', details, ARGV[i], ARGV[i + 2])
    end
  end
  arg = last + 1
  local excess = redis.call('ZCARD', recent) - max_recent
  if excess > 0 then
    local oldest = redis.call('ZRANGE', recent, 0, excess - 1)
    redis.call('ZREMRANGEBYRANK', recent, 0, excess - 1)
    redis.call('HDEL', details, unpack(oldest))
  end
  redis.call('EXPIRE', recent, ttl)
  redis.call('EXPIRE', details, ttl)
end
return 0
`;

/**
 * Reads a user's newest entries in one round trip. KEYS: recent items, details; ARGV: limit (>= 1).
 * Returns { itemIds newest first, details in the same order } ({} for an unknown user).
 */
export const READ_RECENT_SCRIPT = `
local items = redis.call('ZREVRANGE', KEYS[1], 0, tonumber(ARGV[1]) - 1)
if #items == 0 then return {} end
return { items, redis.call('HMGET', KEYS[2], unpack(items)) }
`;

/**
 * Adds log-space increments to item popularity: stored = ln(e^stored + e^added) (see log-popularity.ts).
 * KEYS: popularity (sorted set); ARGV: maxItems, then (itemId, lnIncrement) pairs. Trims the least popular
 * beyond maxItems.
 */
export const ADD_POPULARITY_SCRIPT = `
local popularity = KEYS[1]
for i = 2, #ARGV, 2 do
  local item, added = ARGV[i], tonumber(ARGV[i + 1])
  local stored = redis.call('ZSCORE', popularity, item)
  if stored then
    local old = tonumber(stored)
    local high, low = math.max(old, added), math.min(old, added)
    added = high + math.log(1 + math.exp(low - high))
  end
  redis.call('ZADD', popularity, added, item)
end
local excess = redis.call('ZCARD', popularity) - tonumber(ARGV[1])
if excess > 0 then redis.call('ZREMRANGEBYRANK', popularity, 0, excess - 1) end
return 0
`;
