import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '@recsys/domain';
import { API_SETTINGS, type ApiSettings } from '../api-settings';
import { ACCESS_LEVEL, type AccessLevel } from './access-level.decorator';
import { apiKeyOf, RateLimits, type LimitState } from './rate-limits.service';

/**
 * Checks the API key (`x-api-key` header, or `Authorization: Bearer <key>`) against the handler's access
 * level, and counts the request (RateLimits): 401 without a valid key, 403 for a read key on a write
 * endpoint, 429 with Retry-After above the key's rate, or above the failed attempts of the client address.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
    private readonly limits: RateLimits,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const level =
      this.reflector.getAllAndOverride<AccessLevel | undefined>(ACCESS_LEVEL, [
        context.getHandler(),
        context.getClass(),
      ]) ?? 'write';
    if (level === 'public') return true;
    const { readKeys, writeKeys, keysRequired } = this.settings.access;
    if (!keysRequired && readKeys.size === 0 && writeKeys.size === 0) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const key = apiKeyOf(request);
    const canWrite = key !== null && writeKeys.has(key);
    if (!canWrite && (key === null || !readKeys.has(key))) {
      // A correct key from the same address still passes: the count slows guessing, it locks nobody out.
      const failures = await this.limits.countFailedAuthentication(request, reply);
      if (failures.exceeded)
        throw rateLimited('failed authentications from this address', failures);
      throw new DomainError(
        'UNAUTHENTICATED',
        key === null ? 'an API key is required (header x-api-key)' : 'unknown API key',
      );
    }
    if (level === 'write' && !canWrite) {
      throw new DomainError(
        'FORBIDDEN',
        'this API key may only read; this endpoint needs a write key',
      );
    }
    const requests = await this.limits.countKeyRequest(request, reply);
    if (requests.exceeded) throw rateLimited('requests of this API key', requests);
    return true;
  }
}

function rateLimited(what: string, state: LimitState): DomainError {
  return new DomainError(
    'RATE_LIMITED',
    `rate limit of ${state.limit} ${what} exceeded; retry in ${Math.max(1, state.resetSeconds)} s`,
  );
}
