import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import type { EmbeddingStore } from '@recsys/domain';
import { buildServingModel, idLookupSteps, type ServingModel } from '@recsys/recommendations';
import { pauseForEventLoop, runStepsWithPauses } from '@recsys/vector-index';
import { EMBEDDING_STORE } from '../api-ports.module';
import { API_SETTINGS, type ApiSettings } from '../api-settings';
import { ApiMetrics } from '../observability/api-metrics';
import { buildIndexOffThread } from './index-building/build-index-off-thread';
import { shareVectors } from './index-building/share-vectors';

/**
 * Holds the model the api serves. Loads the current version at start, reloads on every publish
 * notification (and on a slow poll, in case a notification was missed), builds the new version off
 * the request path and swaps it in with one assignment; a failed load keeps the previous model. Whoever
 * keeps state per model (the catalogue's rows, the per-user lists) prepares it in `beforeSwap` or follows
 * `onSwap`: this class changes nothing but its own model.
 */
@Injectable()
export class ModelHolder implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('models');
  private serving: ServingModel | null = null;
  private refreshing: Promise<void> = Promise.resolve();
  private refreshPending = false;
  private unsubscribe: (() => Promise<void>) | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private readonly swapListeners: ((model: ServingModel) => void)[] = [];
  private readonly swapPreparations: ((model: ServingModel) => Promise<void>)[] = [];
  /** True once the current version is known (loaded, or known not to exist). */
  initialised = false;

  constructor(
    @Inject(EMBEDDING_STORE) private readonly embeddingStore: EmbeddingStore,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
    private readonly metrics: ApiMetrics,
  ) {
    metrics.followServingModel(() => this.serving);
  }

  current(): ServingModel | null {
    return this.serving;
  }

  /** Calls `listener` with each model right after it is swapped in. */
  onSwap(listener: (model: ServingModel) => void): void {
    this.swapListeners.push(listener);
  }

  /** Awaits `prepare` for each new model before it is swapped in; a rejection keeps the previous model. */
  beforeSwap(prepare: (model: ServingModel) => Promise<void>): void {
    this.swapPreparations.push(prepare);
  }

  async onApplicationBootstrap(): Promise<void> {
    try {
      this.unsubscribe = await this.embeddingStore.subscribe(() => void this.refresh());
    } catch (error) {
      this.logger.warn(`cannot subscribe to model notifications yet: ${(error as Error).message}`);
    }
    this.pollTimer = setInterval(() => void this.refresh(), this.settings.modelPollIntervalMs);
    this.pollTimer.unref();
    await this.refresh();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.pollTimer) clearInterval(this.pollTimer);
    await this.unsubscribe?.().catch(() => undefined);
  }

  /** Loads the current version if it changed; concurrent calls coalesce into one more load. */
  refresh(): Promise<void> {
    if (this.refreshPending) return this.refreshing;
    this.refreshPending = true;
    this.refreshing = this.refreshing.then(async () => {
      this.refreshPending = false;
      await this.loadCurrent();
    });
    return this.refreshing;
  }

  private async loadCurrent(): Promise<void> {
    try {
      const version = await this.embeddingStore.currentVersion();
      if (version !== null && version !== this.serving?.version) {
        const loaded = await this.embeddingStore.load(version);
        if (!loaded) throw new Error(`model ${version} is current but could not be loaded`);
        // Shared once: the index workers and the shortlist worker read these, none copies them again.
        const snapshot = {
          ...loaded,
          itemVectors: await shareVectors(loaded.itemVectors),
          userVectors: await shareVectors(loaded.userVectors),
        };
        const { dim, metric } = snapshot.metadata;
        // The id lookups are built here between requests while the index is built on other threads.
        const stopIndexTimer = this.metrics.indexBuildDuration.startTimer();
        const [index, lookups] = await Promise.all([
          buildIndexOffThread({
            vectors: snapshot.itemVectors,
            dim,
            metric,
            options: this.settings.index,
            log: (message) => this.logger.log(`model ${version}: ${message}`),
          }),
          runStepsWithPauses(idLookupSteps(snapshot), pauseForEventLoop),
        ]);
        stopIndexTimer();
        const model = buildServingModel(snapshot, index, lookups);
        for (const prepare of this.swapPreparations) await prepare(model);
        this.serving = model;
        this.metrics.modelSwaps.inc();
        this.logger.log(`serving model ${version} (${snapshot.metadata.itemCount} items)`);
        for (const listener of this.swapListeners) listener(model);
      }
      this.initialised = true;
    } catch (error) {
      this.logger.warn(
        `model refresh failed, still serving ${this.serving?.version ?? 'nothing'}: ${(error as Error).message}`,
      );
    }
  }
}
