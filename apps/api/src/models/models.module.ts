import { Module } from '@nestjs/common';
import { ModelHolder } from './model-holder.service';
import { ModelsController } from './models.controller';
import { ModelsService } from './models.service';

/** The model this replica serves (loaded, indexed off-thread, swapped in) and the published versions. */
@Module({
  controllers: [ModelsController],
  providers: [ModelHolder, ModelsService],
  exports: [ModelHolder],
})
export class ModelsModule {}
