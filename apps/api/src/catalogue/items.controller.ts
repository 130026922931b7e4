import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Put, Query } from '@nestjs/common';
import { DomainError, type CatalogueItem } from '@recsys/domain';
import { EVENT_LIMITS } from '@recsys/interaction-events';
import { Access } from '../access/access-level.decorator';
import {
  API_DEPENDENCIES,
  API_SETTINGS,
  type ApiDependencies,
  type ApiSettings,
} from '../api-dependencies';
import { itemBodySchema } from '../http/item-body-schema';
import { parseInput } from '../http/parse-input';
import { parseRecommendQuery } from '../recommendations/recommend-request';
import { RecommendationService } from '../recommendations/recommendation.service';
import { CatalogueFollower } from './catalogue-follower.service';

/** The storefront's catalogue (`PUT`/`DELETE /items/:itemId`) and item-to-item recommendations. */
@Controller('items')
export class ItemsController {
  constructor(
    @Inject(API_DEPENDENCIES) private readonly deps: ApiDependencies,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
    private readonly catalogue: CatalogueFollower,
    private readonly recommendations: RecommendationService,
  ) {}

  @Put(':itemId')
  @Access('write')
  async put(@Param('itemId') itemId: string, @Body() body: unknown): Promise<CatalogueItem> {
    checkItemId(itemId);
    const fields = parseInput(itemBodySchema, body ?? {}, 'item');
    const item = await this.deps.catalogueStore.upsert({ itemId, ...fields });
    this.catalogue.applyOwnChange(item);
    return item;
  }

  @Delete(':itemId')
  @HttpCode(204)
  @Access('write')
  async remove(@Param('itemId') itemId: string): Promise<void> {
    checkItemId(itemId);
    // Always a tombstone, also for an item only a model knows: it must stop being recommended.
    await this.deps.catalogueStore.remove(itemId);
    await this.catalogue.catchUp();
  }

  @Get(':itemId')
  @Access('read')
  async get(@Param('itemId') itemId: string): Promise<CatalogueItem> {
    const item = await this.deps.catalogueStore.get(itemId);
    if (!item) throw new DomainError('ITEM_NOT_FOUND', `the catalogue has no item ${itemId}`);
    return item;
  }

  @Get(':itemId/similar')
  @Access('read')
  similar(@Param('itemId') itemId: string, @Query() query: unknown) {
    return this.recommendations.similarTo(itemId, parseRecommendQuery(query, this.settings));
  }
}

function checkItemId(itemId: string): void {
  if (itemId.length > EVENT_LIMITS.maxIdLength) {
    throw new DomainError(
      'INVALID_REQUEST',
      `itemId must be at most ${EVENT_LIMITS.maxIdLength} characters`,
    );
  }
}
