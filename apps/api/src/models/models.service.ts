import { Inject, Injectable } from '@nestjs/common';
import type { EmbeddingStore, ModelMetadata } from '@recsys/domain';
import { EMBEDDING_STORE } from '../api-ports.module';
import { ModelHolder } from './model-holder.service';

/** The published model versions, which one is current everywhere, and which one this replica serves. */
export interface ModelVersions {
  current: string | null;
  serving: string | null;
  /** How many users of the serving model have their list computed yet, of how many. */
  shortlists: { computed: number; users: number } | null;
  versions: ListedModelVersion[];
}

/** A version as listed: `rejected` is the gate's reason for not making it current, or null. */
export type ListedModelVersion = Omit<ModelMetadata, 'rejected'> & { rejected: string | null };

/** Lists the published versions and rolls back or forward. */
@Injectable()
export class ModelsService {
  constructor(
    @Inject(EMBEDDING_STORE) private readonly store: EmbeddingStore,
    private readonly holder: ModelHolder,
  ) {}

  async list(): Promise<ModelVersions> {
    const [current, versions] = await Promise.all([
      this.store.currentVersion(),
      this.store.listVersions(),
    ]);
    const serving = this.holder.current();
    const lists = serving?.shortlists;
    const shortlists = lists ? { computed: lists.computed, users: lists.userCount } : null;
    return {
      current,
      serving: serving?.version ?? null,
      shortlists,
      versions: versions.map((metadata) => ({ ...metadata, rejected: metadata.rejected ?? null })),
    };
  }

  /**
   * Makes a version current everywhere, a rejected one too (the gate's verdict is advice to a person);
   * resolves once this replica serves it (or keeps its model).
   */
  async activate(version: string): Promise<{ current: string; serving: string | null }> {
    await this.store.activate(version);
    await this.holder.refresh();
    return { current: version, serving: this.holder.current()?.version ?? null };
  }
}
