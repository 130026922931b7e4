import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import type { CatalogueItem } from '@recsys/domain';
import { Access } from '../access/access-level.decorator';
import { itemBodySchema } from '../http/item-body-schema';
import { parseInput } from '../http/parse-input';
import { CatalogueService } from './catalogue.service';

/** The storefront's catalogue: `PUT`, `DELETE` and `GET /items/:itemId`. */
@Controller('items')
export class ItemsController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Put(':itemId')
  @Access('write')
  put(@Param('itemId') itemId: string, @Body() body: unknown): Promise<CatalogueItem> {
    return this.catalogue.put({ itemId, ...parseInput(itemBodySchema, body ?? {}, 'item') });
  }

  @Delete(':itemId')
  @HttpCode(204)
  @Access('write')
  remove(@Param('itemId') itemId: string): Promise<void> {
    return this.catalogue.remove(itemId);
  }

  @Get(':itemId')
  @Access('read')
  get(@Param('itemId') itemId: string): Promise<CatalogueItem> {
    return this.catalogue.get(itemId);
  }
}
