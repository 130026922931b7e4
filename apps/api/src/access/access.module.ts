import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeyGuard } from './api-key.guard';
import { RateLimits } from './rate-limits.service';

/** Who may call what, and how often: the guard runs before every handler of the api. */
@Module({ providers: [RateLimits, { provide: APP_GUARD, useClass: ApiKeyGuard }] })
export class AccessModule {}
