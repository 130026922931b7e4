import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '@recsys/domain';
import { API_SETTINGS, type ApiSettings } from '../api-settings';
import { ACCESS_LEVEL, type AccessLevel } from './access-level.decorator';
import { TokenBuckets } from './token-bucket';

/**
 * Checks the API key (`x-api-key` header, or `Authorization: Bearer <key>`) against the handler's access
 * level, then the key's rate limit: 401 without a valid key, 403 for a read key on a write endpoint,
 * 429 with Retry-After above the rate.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly buckets: TokenBuckets;

  constructor(
    private readonly reflector: Reflector,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
  ) {
    const { ratePerSecond, rateBurst, readKeys, writeKeys } = settings.access;
    this.buckets = new TokenBuckets({
      ratePerSecond,
      burst: rateBurst,
      maxKeys: readKeys.size + writeKeys.size + 1,
    });
  }

  canActivate(context: ExecutionContext): boolean {
    const level =
      this.reflector.getAllAndOverride<AccessLevel | undefined>(ACCESS_LEVEL, [
        context.getHandler(),
        context.getClass(),
      ]) ?? 'write';
    if (level === 'public') return true;
    const { readKeys, writeKeys, keysRequired } = this.settings.access;
    if (!keysRequired && readKeys.size === 0 && writeKeys.size === 0) return true;
    const http = context.switchToHttp();
    const key = apiKeyOf(http.getRequest<FastifyRequest>());
    if (key === null)
      throw new DomainError('UNAUTHENTICATED', 'an API key is required (header x-api-key)');
    const canWrite = writeKeys.has(key);
    if (!canWrite && !readKeys.has(key))
      throw new DomainError('UNAUTHENTICATED', 'unknown API key');
    if (level === 'write' && !canWrite) {
      throw new DomainError(
        'FORBIDDEN',
        'this API key may only read; this endpoint needs a write key',
      );
    }
    const waitMs = this.buckets.take(key, performance.now());
    if (waitMs > 0) {
      void http.getResponse<FastifyReply>().header('retry-after', String(Math.ceil(waitMs / 1000)));
      throw new DomainError(
        'RATE_LIMITED',
        `rate limit of this API key exceeded; retry in ${waitMs} ms`,
      );
    }
    return true;
  }
}

function apiKeyOf(request: FastifyRequest): string | null {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header.length > 0) return header;
  const authorization = request.headers.authorization;
  const bearer = authorization?.match(/^Bearer\s+(.+)$/i);
  return bearer ? bearer[1].trim() : null;
}
