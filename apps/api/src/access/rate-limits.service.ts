import { createHash } from 'node:crypto';
import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import fastifyRateLimit, { type RateLimitPluginOptions } from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { RATE_LIMIT_STORE, type RateLimitStore } from '../api-ports.module';
import { API_SETTINGS, type ApiSettings } from '../api-settings';

/** Where a request stands against one limit once it was counted. */
export interface LimitState {
  limit: number;
  remaining: number;
  /** Seconds until the window of the count ends. */
  resetSeconds: number;
  exceeded: boolean;
}

type Limiter = (request: FastifyRequest) => Promise<LimitState>;

// A Redis that does not answer this fast lets the request through rather than delaying every answer.
export const RATE_LIMIT_COMMAND_TIMEOUT_MS = 100;
const FAILURE_WINDOW_MS = 60_000;

/**
 * The api's two request limits, counted by @fastify/rate-limit in fixed windows, in Redis (one count for
 * every replica) or in this process's memory (the embedded app):
 * - per API key: `rateBurst` requests per window of `rateBurst / ratePerSecond` seconds, i.e. the sustained
 *   `ratePerSecond` with bursts up to `rateBurst`;
 * - per client address: `authFailuresPerMinute` requests without a valid key, so guessing keys is slow.
 * A store that fails or is too slow lets requests through (the api keeps serving while Redis is away).
 */
@Injectable()
export class RateLimits implements OnModuleInit, OnModuleDestroy {
  private perKey: Limiter | null = null;
  private perAddress: Limiter | null = null;
  private readonly hosts: FastifyInstance[] = [];
  // Redis sees a digest of each key, never the key; valid keys only, so the map is as small as the key list.
  private readonly keyDigests = new Map<string, string>();

  constructor(
    @Inject(RATE_LIMIT_STORE) private readonly store: RateLimitStore,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
  ) {}

  async onModuleInit(): Promise<void> {
    const { ratePerSecond, rateBurst, authFailuresPerMinute } = this.settings.access;
    this.perKey = await this.limiter({
      ...this.storeOptions('key:'),
      max: rateBurst,
      timeWindow: Math.max(1, Math.round((rateBurst / ratePerSecond) * 1000)),
      keyGenerator: (request) => this.digestOf(apiKeyOf(request) ?? ''),
    });
    // The default key generator: the client's address (an IPv6 address by its /64 network).
    this.perAddress = await this.limiter({
      ...this.storeOptions('failed-auth:'),
      max: authFailuresPerMinute,
      timeWindow: FAILURE_WINDOW_MS,
    });
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.hosts.splice(0).map((host) => host.close()));
  }

  /** Counts a request made with a valid API key against that key's limit. */
  countKeyRequest(request: FastifyRequest, reply: FastifyReply): Promise<LimitState> {
    return this.count(this.perKey, request, reply);
  }

  /** Counts a request without a valid API key against its client address's limit. */
  countFailedAuthentication(request: FastifyRequest, reply: FastifyReply): Promise<LimitState> {
    return this.count(this.perAddress, request, reply);
  }

  private async count(
    limiter: Limiter | null,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<LimitState> {
    if (!limiter) throw new Error('rate limits are not set up yet');
    const state = await limiter(request);
    // The RateLimit header fields of the IETF draft (as @fastify/rate-limit's enableDraftSpec names them).
    void reply.header('ratelimit-limit', state.limit);
    void reply.header('ratelimit-remaining', state.remaining);
    void reply.header('ratelimit-reset', state.resetSeconds);
    if (state.exceeded) void reply.header('retry-after', Math.max(1, state.resetSeconds));
    return state;
  }

  private async limiter(options: RateLimitPluginOptions): Promise<Limiter> {
    const host = Fastify();
    this.hosts.push(host);
    return limiterOn(host, options);
  }

  private storeOptions(nameSpace: string): RateLimitPluginOptions {
    return {
      global: false,
      // An unreachable or slow store must not turn into failed requests.
      skipOnError: true,
      ...(this.store.kind === 'redis'
        ? { redis: this.store.redis, nameSpace: `rate-limit:${nameSpace}` }
        : { cache: this.store.maxCounters }),
    };
  }

  private digestOf(key: string): string {
    let digest = this.keyDigests.get(key);
    if (digest === undefined) {
      digest = createHash('sha256').update(key).digest('base64url').slice(0, 22);
      this.keyDigests.set(key, digest);
    }
    return digest;
  }
}

/** The API key of a request (`x-api-key`, or `Authorization: Bearer <key>`), or null. */
export function apiKeyOf(request: FastifyRequest): string | null {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header.length > 0) return header;
  const authorization = request.headers.authorization;
  const bearer = authorization?.match(/^Bearer\s+(.+)$/i);
  return bearer ? bearer[1].trim() : null;
}

// Each limiter is the plugin registered on a Fastify instance of its own that never listens: its own
// store, key space and window, no hook on any route (`global: false`); the guard asks it explicitly.
// Registering it on the api's instance instead would make that instance load its plugin queue during
// Nest's init, so the api's routes would take Fastify's default error handler before Nest sets its own.
async function limiterOn(host: FastifyInstance, options: RateLimitPluginOptions): Promise<Limiter> {
  await host.register(fastifyRateLimit, options);
  const limiter = host.createRateLimit();
  return async (request) => {
    const result = await limiter(request);
    if (result.isAllowed) return { limit: 0, remaining: 0, resetSeconds: 0, exceeded: false };
    return {
      limit: result.max,
      remaining: result.remaining,
      resetSeconds: result.ttlInSeconds,
      exceeded: result.isExceeded,
    };
  };
}
