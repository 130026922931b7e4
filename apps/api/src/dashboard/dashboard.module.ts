import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { ModelsModule } from '../models/models.module';
import { DashboardController } from './dashboard.controller';
import { EmbeddingMapService } from './embedding-map/embedding-map.service';
import { TrafficService } from './traffic/traffic.service';
import { UsersController } from './users.controller';
import { WebAssets } from './web-assets';
import { WebPageController } from './web-page.controller';

/**
 * The operators' dashboard at `/dashboard`: the page (compiled TypeScript, served from this api) and the
 * JSON it needs beyond the public api (traffic figures, the embedding map, a user's recent interactions).
 */
@Module({
  imports: [ModelsModule, CatalogueModule],
  controllers: [WebPageController, DashboardController, UsersController],
  providers: [WebAssets, TrafficService, EmbeddingMapService],
})
export class DashboardModule {}
