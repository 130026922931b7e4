import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import type { CatalogueItem } from '@recsys/domain';
import { CatalogueSnapshot } from '@recsys/recommendations';
import {
  API_DEPENDENCIES,
  API_SETTINGS,
  type ApiDependencies,
  type ApiSettings,
} from '../api-dependencies';

const PAGE = 5000;

/**
 * Keeps an in-memory copy of the catalogue: loads it at start, then follows the change feed, so a change
 * made through any api replica reaches all of them within CATALOGUE_REFRESH_MS (and this one at once).
 */
@Injectable()
export class CatalogueFollower implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('catalogue');
  readonly snapshot = new CatalogueSnapshot();
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;

  constructor(
    @Inject(API_DEPENDENCIES) private readonly deps: ApiDependencies,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.catchUp();
    this.timer = setInterval(() => void this.catchUp(), this.settings.catalogueRefreshMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Applies a change this replica just made, before the next poll would. */
  applyOwnChange(item: CatalogueItem): void {
    this.snapshot.apply([item]);
  }

  /** Reads every change since the last one seen; a failure keeps the current copy and retries later. */
  catchUp(): Promise<void> {
    this.polling ??= this.readChanges().finally(() => {
      this.polling = null;
    });
    return this.polling;
  }

  private async readChanges(): Promise<void> {
    try {
      for (;;) {
        const changes = await this.deps.catalogueStore.changesSince(this.snapshot.revision, PAGE);
        this.snapshot.apply(changes);
        if (changes.length < PAGE) return;
      }
    } catch (error) {
      this.logger.warn(
        `catalogue refresh failed, keeping ${this.snapshot.size} items: ${(error as Error).message}`,
      );
    }
  }
}
