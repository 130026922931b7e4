import { Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import type { ModelMetadata } from '@recsys/domain';
import { Access } from '../access/access-level.decorator';
import { API_DEPENDENCIES, type ApiDependencies } from '../api-dependencies';
import { ModelHolder } from '../recommendations/model-holder.service';

/** Published model versions: list them with their metrics, and roll back or forward. */
@Controller('models')
export class ModelsController {
  constructor(
    @Inject(API_DEPENDENCIES) private readonly deps: ApiDependencies,
    private readonly models: ModelHolder,
  ) {}

  @Get()
  @Access('read')
  async list(): Promise<{
    current: string | null;
    serving: string | null;
    /** How many users of the serving model have their list computed yet, of how many. */
    shortlists: { computed: number; users: number } | null;
    versions: ModelMetadata[];
  }> {
    const [current, versions] = await Promise.all([
      this.deps.embeddingStore.currentVersion(),
      this.deps.embeddingStore.listVersions(),
    ]);
    const serving = this.models.current();
    const lists = serving?.shortlists;
    const shortlists = lists ? { computed: lists.computed, users: lists.userCount } : null;
    return { current, serving: serving?.version ?? null, shortlists, versions };
  }

  /** Makes a version current everywhere; answers once this replica serves it. */
  @Post(':version/activate')
  @HttpCode(200)
  @Access('write')
  async activate(
    @Param('version') version: string,
  ): Promise<{ current: string; serving: string | null }> {
    await this.deps.embeddingStore.activate(version);
    await this.models.refresh();
    return { current: version, serving: this.models.current()?.version ?? null };
  }
}
