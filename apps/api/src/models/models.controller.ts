import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { Access } from '../access/access-level.decorator';
import { ModelsService, type ModelVersions } from './models.service';

/** Published model versions: list them with their metrics, and roll back or forward. */
@Controller('models')
export class ModelsController {
  constructor(private readonly models: ModelsService) {}

  @Get()
  @Access('read')
  list(): Promise<ModelVersions> {
    return this.models.list();
  }

  /** Makes a version current everywhere; answers once this replica serves it. */
  @Post(':version/activate')
  @HttpCode(200)
  @Access('write')
  activate(
    @Param('version') version: string,
  ): Promise<{ current: string; serving: string | null }> {
    return this.models.activate(version);
  }
}
