import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type RecentInteraction } from '@recsys/domain';
import {
  recommendForSession,
  recommendForUser,
  similarItems,
  type RecommendationFilters,
  type Recommendations,
  type ServingContext,
} from '@recsys/recommendations';
import { API_SETTINGS, type ApiSettings } from '../api-settings';
import { CatalogueFollower } from '../catalogue/catalogue-follower.service';
import { ModelHolder } from '../models/model-holder.service';
import { PopularityCache } from './popularity-cache.service';
import { RecentInteractionsCache } from './recent-interactions-cache.service';

/**
 * Answers recommendation requests from memory (model, catalogue, popular items) plus the user's recent
 * interactions (kept in memory until the user changes, see RecentInteractionsCache; without them while
 * Redis is away).
 */
@Injectable()
export class RecommendationService {
  constructor(
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
    private readonly models: ModelHolder,
    private readonly catalogue: CatalogueFollower,
    private readonly popularity: PopularityCache,
    private readonly recentCache: RecentInteractionsCache,
  ) {}

  /** Synchronous when the user's recent interactions are in memory (most requests): no promise to settle. */
  forUser(
    userId: string,
    filters: RecommendationFilters,
  ): Recommendations | Promise<Recommendations> {
    const recent = this.recentInteractions(userId);
    return Array.isArray(recent)
      ? this.answer(userId, recent as readonly RecentInteraction[], filters)
      : (recent as Promise<readonly RecentInteraction[]>).then((read) =>
          this.answer(userId, read, filters),
        );
  }

  private answer(
    userId: string,
    recent: readonly RecentInteraction[],
    filters: RecommendationFilters,
  ): Recommendations {
    const context = this.context();
    const answer = recommendForUser(context, { userId, recent }, filters);
    if (!context.model && answer.items.length === 0 && context.popular.length === 0)
      throw this.notReady();
    return answer;
  }

  forSession(itemIds: readonly string[], filters: RecommendationFilters) {
    const context = this.context();
    if (!context.model && context.popular.length === 0) throw this.notReady();
    return recommendForSession(context, itemIds, filters);
  }

  similarTo(itemId: string, filters: RecommendationFilters) {
    return similarItems(this.context(), itemId, filters);
  }

  private context(): ServingContext {
    return {
      model: this.models.current(),
      catalogue: this.catalogue.snapshot,
      popular: this.popularity.current,
      realtimeWeight: this.settings.realtimeWeight,
      maxRecentLiked: this.settings.recentInteractionsPerRequest,
    };
  }

  // Synchronous when the user's list is kept in memory; a promise only on a miss (never rejects).
  private recentInteractions(
    userId: string,
  ): readonly RecentInteraction[] | Promise<readonly RecentInteraction[]> {
    return this.recentCache.forUser(userId);
  }

  private notReady(): DomainError {
    return new DomainError(
      'MODEL_NOT_READY',
      'no model has been published and no popularity is known yet; send events and run a training job',
    );
  }
}
