import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import type { RealtimeStore, RecentInteraction } from '@recsys/domain';
import { Access } from '../access/access-level.decorator';
import { REALTIME_STORE } from '../api-ports.module';
import { parseInput } from '../http/parse-input';
import { recentQuerySchema } from './dashboard-queries';

/** `GET /users/:userId/recent`: a user's recent interactions as the realtime store holds them. */
@Controller('users')
export class UsersController {
  constructor(@Inject(REALTIME_STORE) private readonly realtime: RealtimeStore) {}

  /** Newest first, one entry per item; an unknown user has none. */
  @Get(':userId/recent')
  @Access('read')
  async recent(
    @Param('userId') userId: string,
    @Query() query: unknown,
  ): Promise<{ userId: string; interactions: RecentInteraction[] }> {
    const { limit } = parseInput(recentQuerySchema, query, 'recent interactions query');
    return { userId, interactions: await this.realtime.recentInteractions(userId, limit) };
  }
}
