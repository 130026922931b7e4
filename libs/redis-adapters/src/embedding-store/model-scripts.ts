// Lua scripts: each runs atomically in Redis, so a reader sees a version either complete and listed or not
// at all, and the current pointer, the version list and the notification change together.

/**
 * Completes a publish. KEYS: manifest, current, versions, sequence, ...chunks; ARGV: version, manifest JSON,
 * channel, make current ('1' or '0'). Refuses (EXISTS) a version already published and (MISSING) chunks
 * that expired meanwhile; else makes the chunks permanent, writes the manifest (the "complete" marker),
 * lists the version under the next publish sequence number and, when asked to, switches current and
 * notifies. Returns OK, EXISTS or MISSING.
 */
export const COMPLETE_PUBLISH_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 'EXISTS' end
for i = 5, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 0 then return 'MISSING' end
end
for i = 5, #KEYS do redis.call('PERSIST', KEYS[i]) end
redis.call('SET', KEYS[1], ARGV[2])
local sequence = redis.call('INCR', KEYS[4])
redis.call('ZADD', KEYS[3], sequence, ARGV[1])
if ARGV[4] == '1' then
  redis.call('SET', KEYS[2], ARGV[1])
  redis.call('PUBLISH', ARGV[3], ARGV[1])
end
return 'OK'
`;

/** KEYS: manifest, current; ARGV: version, channel. Switches current to a complete version; returns 1, or 0 if unknown. */
export const ACTIVATE_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('SET', KEYS[2], ARGV[1])
redis.call('PUBLISH', ARGV[2], ARGV[1])
return 1
`;

/**
 * Deletes a version unless it is current. KEYS: manifest, current, versions, ...chunks; ARGV: version,
 * publish id. Leaves alone a manifest of another publish id (the version was published again since its
 * chunks were listed). Returns 1 if deleted, 0 if kept.
 */
export const DROP_VERSION_SCRIPT = `
if redis.call('GET', KEYS[2]) == ARGV[1] then return 0 end
local manifest = redis.call('GET', KEYS[1])
if manifest and cjson.decode(manifest).publishId ~= ARGV[2] then return 0 end
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('DEL', KEYS[1])
for i = 4, #KEYS do redis.call('UNLINK', KEYS[i]) end
return 1
`;
