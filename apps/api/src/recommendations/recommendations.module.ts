import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { ModelsModule } from '../models/models.module';
import { PopularityCache } from './popularity-cache.service';
import { RecentInteractionsCache } from './recent-interactions-cache.service';
import { RecommendationService } from './recommendation.service';
import { RecommendationsController, SimilarItemsController } from './recommendations.controller';
import { ShortlistPrecomputer } from './shortlists/shortlist-precomputer.service';

/** Answers from memory: the serving model, the catalogue, popular items and recent interactions. */
@Module({
  imports: [ModelsModule, CatalogueModule],
  controllers: [RecommendationsController, SimilarItemsController],
  providers: [
    RecommendationService,
    PopularityCache,
    RecentInteractionsCache,
    ShortlistPrecomputer,
  ],
})
export class RecommendationsModule {}
