import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError, type RecentInteraction } from '@recsys/domain';
import {
  recommendForSession,
  recommendForUser,
  similarItems,
  type RecommendationFilters,
  type Recommendations,
  type ServingContext,
} from '@recsys/recommendations';
import {
  API_DEPENDENCIES,
  API_SETTINGS,
  type ApiDependencies,
  type ApiSettings,
} from '../api-dependencies';
import { CatalogueFollower } from '../catalogue/catalogue-follower.service';
import { ModelHolder } from './model-holder.service';
import { PopularityCache } from './popularity-cache.service';

const WARN_EVERY_MS = 10_000;

/**
 * Answers recommendation requests from memory (model, catalogue, popular items) plus one read of the
 * user's recent interactions; if that read fails (Redis away), it answers without them.
 */
@Injectable()
export class RecommendationService {
  private readonly logger = new Logger('recommend');
  private lastWarningMs = 0;

  constructor(
    @Inject(API_DEPENDENCIES) private readonly deps: ApiDependencies,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
    private readonly models: ModelHolder,
    private readonly catalogue: CatalogueFollower,
    private readonly popularity: PopularityCache,
  ) {}

  async forUser(userId: string, filters: RecommendationFilters): Promise<Recommendations> {
    const context = this.context();
    const recent = await this.recentInteractions(userId);
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

  private async recentInteractions(userId: string): Promise<RecentInteraction[]> {
    if (this.settings.recentInteractionsPerRequest === 0) return [];
    try {
      return await this.deps.realtimeStore.recentInteractions(
        userId,
        this.settings.recentInteractionsPerRequest,
      );
    } catch (error) {
      const nowMs = performance.now();
      if (nowMs - this.lastWarningMs > WARN_EVERY_MS) {
        this.lastWarningMs = nowMs;
        this.logger.warn(`serving without recent interactions: ${(error as Error).message}`);
      }
      return [];
    }
  }

  private notReady(): DomainError {
    return new DomainError(
      'MODEL_NOT_READY',
      'no model has been published and no popularity is known yet; send events and run a training job',
    );
  }
}
