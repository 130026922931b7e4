import Redis from 'ioredis';

/** How to reach Redis; the timeouts make a dead or unreachable server an error instead of a hang. */
export interface RedisConnectionOptions {
  url: string;
  /** Time allowed to open the TCP connection. */
  connectTimeoutMs?: number;
  /** Time allowed for one command's reply (an 8 MB chunk takes milliseconds on a healthy server). */
  commandTimeoutMs?: number;
  /** Shown by CLIENT LIST, to tell connections apart on a shared server. */
  connectionName?: string;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
const DEFAULT_COMMAND_TIMEOUT_MS = 30_000;
// ioredis reconnects in the background; a command waiting for the connection fails after this many
// reconnection attempts (about a second) rather than waiting forever.
const MAX_RETRIES_PER_REQUEST = 3;
// After QUIT a healthy server closes the socket at once; a socket that already failed never reports
// closing, and ioredis would keep a 2 s timer alive before destroying it.
const DISCONNECT_TIMEOUT_MS = 500;

/** Opens an ioredis connection whose commands fail, not queue forever, while Redis is unreachable. */
export function openRedisConnection(options: RedisConnectionOptions): Redis {
  const redis = new Redis(options.url, {
    connectTimeout: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    commandTimeout: options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
    maxRetriesPerRequest: MAX_RETRIES_PER_REQUEST,
    disconnectTimeout: DISCONNECT_TIMEOUT_MS,
    connectionName: options.connectionName,
  });
  // Connection errors reach callers as rejected commands; without a listener ioredis would also print
  // every reconnection failure to stderr.
  redis.on('error', () => undefined);
  return redis;
}
