import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type RecentInteraction } from '@recsys/domain';
import {
  BlendedShortlists,
  recommendForSession,
  recommendForUser,
  similarItems,
  type AnswerPath,
  type RecommendationFilters,
  type Recommendations,
  type ServingContext,
} from '@recsys/recommendations';
import { API_SETTINGS, type ApiSettings } from '../api-settings';
import { CatalogueFollower } from '../catalogue/catalogue-follower.service';
import { ModelHolder } from '../models/model-holder.service';
import { ApiMetrics } from '../observability/api-metrics';
import { PopularityCache } from './popularity-cache.service';
import { RecentInteractionsCache } from './recent-interactions-cache.service';

/**
 * Answers recommendation requests from memory (model, catalogue, popular items) plus the user's recent
 * interactions (kept in memory until the user changes, see RecentInteractionsCache; without them while
 * Redis is away).
 */
@Injectable()
export class RecommendationService {
  // Lists of users with likes since training, kept while their recent interactions stay the same.
  private readonly blendedLists: BlendedShortlists | null;
  // recommendForUser notes its path here; read right after the (synchronous) call, so one object serves all.
  private readonly answerTrace: { path: AnswerPath } = { path: 'search' };

  constructor(
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
    private readonly models: ModelHolder,
    private readonly catalogue: CatalogueFollower,
    private readonly popularity: PopularityCache,
    private readonly recentCache: RecentInteractionsCache,
    private readonly metrics: ApiMetrics,
  ) {
    const { size } = settings.shortlists;
    this.blendedLists = size > 0 ? new BlendedShortlists(size) : null;
  }

  /**
   * The answer now, when the user's recent interactions are kept in memory (most requests); null when
   * they must be read first: then `forUser`. A handler that answers synchronously when it can skips a
   * promise and its microtask per request.
   */
  tryAnswerNow(userId: string, filters: RecommendationFilters): Recommendations | null {
    const recent = this.recentCache.kept(userId);
    this.metrics.countRecentCache(recent !== undefined);
    return recent ? this.answer(userId, recent, filters) : null;
  }

  /** The answer, after reading the user's recent interactions if they are not kept. */
  async forUser(userId: string, filters: RecommendationFilters): Promise<Recommendations> {
    return this.answer(userId, await this.recentCache.read(userId), filters);
  }

  forSession(itemIds: readonly string[], filters: RecommendationFilters) {
    const context = this.context();
    if (!context.model && context.popular.length === 0) throw this.notReady();
    const answer = recommendForSession(context, itemIds, filters);
    this.metrics.countAnswer(answer.items[0]?.source ?? 'none', 'search');
    return answer;
  }

  /** The nearest items to an item; before the first model, the popular items (as for a session of it). */
  similarTo(itemId: string, filters: RecommendationFilters) {
    const context = this.context();
    if (context.model) return similarItems(context, itemId, filters);
    if (context.popular.length === 0) throw this.notReady();
    return { itemId, ...recommendForSession(context, [itemId], filters) };
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
    this.metrics.countAnswer(answer.items[0]?.source ?? 'none', this.answerTrace.path);
    return answer;
  }

  private context(): ServingContext {
    return {
      model: this.models.current(),
      catalogue: this.catalogue.snapshot,
      catalogueMode: this.settings.catalogueMode,
      popular: this.popularity.current,
      realtimeWeight: this.settings.realtimeWeight,
      maxRecentLiked: this.settings.recentInteractionsPerRequest,
      blendedLists: this.blendedLists,
      answerTrace: this.answerTrace,
    };
  }

  private notReady(): DomainError {
    return new DomainError(
      'MODEL_NOT_READY',
      'no model has been published and no popularity is known yet; send events and run a training job',
    );
  }
}
