import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import type { Recommendations } from '@recsys/recommendations';
import { Access } from '../access/access-level.decorator';
import { API_SETTINGS, type ApiSettings } from '../api-settings';
import { RecommendationService } from './recommendation.service';
import { parseRecommendQuery, parseSessionRequest } from './recommend-request';

/** Recommendations for a user (`GET /recommend/:userId`) or an anonymous session (`POST /recommend`). */
@Controller('recommend')
export class RecommendationsController {
  constructor(
    private readonly recommendations: RecommendationService,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
  ) {}

  @Get(':userId')
  @Access('read')
  recommend(
    @Param('userId') userId: string,
    @Query() query: unknown,
  ): Recommendations | Promise<Recommendations> {
    const filters = parseRecommendQuery(query, this.settings);
    return (
      this.recommendations.tryAnswerNow(userId, filters) ??
      this.recommendations.forUser(userId, filters)
    );
  }

  @Post()
  @HttpCode(200)
  @Access('read')
  recommendForSession(@Body() body: unknown) {
    const { itemIds, filters } = parseSessionRequest(body, this.settings);
    return this.recommendations.forSession(itemIds, filters);
  }
}

/** Item-to-item recommendations (`GET /items/:itemId/similar`): the catalogue's routes, answered here. */
@Controller('items')
export class SimilarItemsController {
  constructor(
    private readonly recommendations: RecommendationService,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
  ) {}

  @Get(':itemId/similar')
  @Access('read')
  similar(@Param('itemId') itemId: string, @Query() query: unknown) {
    return this.recommendations.similarTo(itemId, parseRecommendQuery(query, this.settings));
  }
}
