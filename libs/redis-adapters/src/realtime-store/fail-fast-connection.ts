import { DomainError } from '@recsys/domain';
import Redis from 'ioredis';
import type { RedisConnectionOptions } from '../open-redis-connection';

const DEFAULT_CONNECT_TIMEOUT_MS = 2_000;
const DEFAULT_COMMAND_TIMEOUT_MS = 5_000;
// As in openRedisConnection: QUIT on a socket that already failed would otherwise keep a 2 s timer alive.
const DISCONNECT_TIMEOUT_MS = 500;

/**
 * A Redis connection for the request path: nothing waits for a server that is down. Commands are never
 * queued while disconnected (`enableOfflineQueue: false`); a call made while the first connection attempt
 * is still in flight waits for it within its own time budget, and any call made after the connection was
 * lost fails at once with REALTIME_STORE_UNAVAILABLE while ioredis reconnects in the background.
 */
export class FailFastConnection {
  readonly redis: Redis;
  // Settles with the first connection attempt; from then on nobody waits for the connection.
  private readonly firstAttempt: Promise<void>;
  private firstAttemptOver = false;

  constructor(options: RedisConnectionOptions) {
    this.redis = new Redis(options.url, {
      connectTimeout: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      commandTimeout: options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      disconnectTimeout: DISCONNECT_TIMEOUT_MS,
      connectionName: options.connectionName,
    });
    // Failures reach callers as rejected calls; without a listener ioredis would print every retry.
    this.redis.on('error', () => undefined);
    this.firstAttempt = new Promise<void>((resolve, reject) => {
      this.redis.once('ready', resolve);
      this.redis.once('error', reject);
      this.redis.once('close', () => reject(new Error('connection closed')));
    });
    this.firstAttempt.then(
      () => (this.firstAttemptOver = true),
      () => (this.firstAttemptOver = true),
    );
  }

  /** Runs `work` once the connection is ready, all within `timeoutMs`, or fails REALTIME_STORE_UNAVAILABLE. */
  async run<T>(
    operation: string,
    timeoutMs: number,
    work: (redis: Redis) => Promise<T>,
  ): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(unavailable(operation, `no answer within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([this.whenReady(operation).then(() => work(this.redis)), deadline]);
    } catch (error) {
      throw error instanceof DomainError ? error : unavailable(operation, (error as Error).message);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Closes politely if the server answers, at once otherwise. */
  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private async whenReady(operation: string): Promise<void> {
    if (this.redis.status === 'ready') return;
    if (this.firstAttemptOver) throw unavailable(operation, `connection is ${this.redis.status}`);
    await this.firstAttempt;
  }
}

function unavailable(operation: string, reason: string): DomainError {
  return new DomainError(
    'REALTIME_STORE_UNAVAILABLE',
    `Realtime store ${operation} failed: ${reason}`,
    {
      operation,
      reason,
    },
  );
}
