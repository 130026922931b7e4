import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import type { PopularItem } from '@recsys/domain';
import {
  API_DEPENDENCIES,
  API_SETTINGS,
  type ApiDependencies,
  type ApiSettings,
} from '../api-dependencies';

const POPULAR_ITEMS_KEPT = 2000;

/** The recency-decayed popular items, re-read every POPULAR_REFRESH_MS off the request path. */
@Injectable()
export class PopularityCache implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('popularity');
  private items: readonly PopularItem[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(API_DEPENDENCIES) private readonly deps: ApiDependencies,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
  ) {}

  get current(): readonly PopularItem[] {
    return this.items;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.settings.popularRefreshMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Re-reads the list; a failure keeps the previous one. */
  async refresh(): Promise<void> {
    try {
      this.items = await this.deps.realtimeStore.popularItems(
        POPULAR_ITEMS_KEPT,
        this.deps.clock(),
      );
    } catch (error) {
      this.logger.warn(
        `popular items refresh failed, keeping ${this.items.length}: ${(error as Error).message}`,
      );
    }
  }
}
