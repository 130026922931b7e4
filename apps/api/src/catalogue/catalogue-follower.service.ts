import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
  OnModuleInit,
} from '@nestjs/common';
import type { CatalogueItem, CatalogueStore } from '@recsys/domain';
import {
  CatalogueSnapshot,
  itemTableOf,
  type CatalogueView,
  type ServingModel,
} from '@recsys/recommendations';
import { pauseForEventLoop, runStepsWithPauses } from '@recsys/vector-index';
import { CATALOGUE_STORE } from '../api-ports.module';
import { API_SETTINGS, type ApiSettings } from '../api-settings';
import { ModelHolder } from '../models/model-holder.service';

const PAGE = 5000;

/**
 * Keeps an in-memory copy of the catalogue: loads it at start, then follows the change feed, so a change
 * made through any api replica reaches all of them within CATALOGUE_REFRESH_MS (and this one at once).
 * It is the only writer of its copy, including the rules laid out by row of each model's item table: it
 * lays them out before a new model is swapped in and drops those of older models once it is.
 */
@Injectable()
export class CatalogueFollower implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('catalogue');
  private readonly copy = new CatalogueSnapshot();
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;

  constructor(
    @Inject(CATALOGUE_STORE) private readonly store: CatalogueStore,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
    private readonly models: ModelHolder,
  ) {}

  /** The catalogue as recommendations read it. */
  get snapshot(): CatalogueView {
    return this.copy;
  }

  onModuleInit(): void {
    this.models.beforeSwap((model) => this.layOutRowsFor(model));
    this.models.onSwap((model) => this.copy.keepRowsOnlyOf(itemTableOf(model)));
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.catchUp();
    this.timer = setInterval(() => void this.catchUp(), this.settings.catalogueRefreshMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Applies a change this replica just made, before the next poll would (the poll still reads past it). */
  applyOwnChange(item: CatalogueItem): void {
    this.copy.applyOwn(item);
  }

  /** Reads every change since the last one seen; a failure keeps the current copy and retries later. */
  catchUp(): Promise<void> {
    this.polling ??= this.readChanges().finally(() => {
      this.polling = null;
    });
    return this.polling;
  }

  // Laid out between requests before the model serves, so the first request finds them ready.
  private async layOutRowsFor(model: ServingModel): Promise<void> {
    await runStepsWithPauses(this.copy.rowsSteps(itemTableOf(model)), pauseForEventLoop);
  }

  private async readChanges(): Promise<void> {
    try {
      for (;;) {
        const changes = await this.store.changesSince(this.copy.revision, PAGE);
        this.copy.apply(changes);
        if (changes.length < PAGE) return;
      }
    } catch (error) {
      this.logger.warn(
        `catalogue refresh failed, keeping ${this.copy.size} items: ${(error as Error).message}`,
      );
    }
  }
}
