import { Inject, Injectable } from '@nestjs/common';
import {
  DomainError,
  type CatalogueItem,
  type CatalogueItemInput,
  type CatalogueStore,
} from '@recsys/domain';
import { EVENT_LIMITS } from '@recsys/interaction-events';
import { CATALOGUE_STORE } from '../api-ports.module';
import { CatalogueFollower } from './catalogue-follower.service';

/** The storefront's catalogue: stores its changes and makes this replica's copy follow them at once. */
@Injectable()
export class CatalogueService {
  constructor(
    @Inject(CATALOGUE_STORE) private readonly store: CatalogueStore,
    private readonly follower: CatalogueFollower,
  ) {}

  async put(input: CatalogueItemInput): Promise<CatalogueItem> {
    checkItemId(input.itemId);
    const item = await this.store.upsert(input);
    this.follower.applyOwnChange(item);
    return item;
  }

  /**
   * Removes an item; it is never recommended again. Always a tombstone, also for an item the catalogue never
   * had but a model knows: a delete must always take effect.
   */
  async remove(itemId: string): Promise<void> {
    checkItemId(itemId);
    // Applied at once: a catch-up could join a read that started before the write and miss it.
    this.follower.applyOwnChange(await this.store.remove(itemId));
  }

  async get(itemId: string): Promise<CatalogueItem> {
    const item = await this.store.get(itemId);
    if (!item) throw notFound(itemId);
    return item;
  }
}

// Item ids are bounded like the ids of events, so every catalogue item can also appear in one.
function checkItemId(itemId: string): void {
  if (itemId.length > EVENT_LIMITS.maxIdLength) {
    throw new DomainError(
      'INVALID_REQUEST',
      `itemId must be at most ${EVENT_LIMITS.maxIdLength} characters`,
    );
  }
}

function notFound(itemId: string): DomainError {
  return new DomainError('ITEM_NOT_FOUND', `the catalogue has no item ${itemId}`);
}
