import { Module } from '@nestjs/common';
import { ModelsModule } from '../models/models.module';
import { CatalogueFollower } from './catalogue-follower.service';
import { CatalogueService } from './catalogue.service';
import { ItemsController } from './items.controller';

/** The storefront's catalogue and this replica's copy of it, kept laid out for the serving model. */
@Module({
  imports: [ModelsModule],
  controllers: [ItemsController],
  providers: [CatalogueService, CatalogueFollower],
  exports: [CatalogueFollower],
})
export class CatalogueModule {}
