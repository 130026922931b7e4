import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import type { PopularItem, RealtimeStore } from '@recsys/domain';
import { CLOCK, REALTIME_STORE } from '../api-ports.module';
import { API_SETTINGS, type ApiSettings } from '../api-settings';

const POPULAR_ITEMS_KEPT = 2000;

/** The recency-decayed popular items, re-read every POPULAR_REFRESH_MS off the request path. */
@Injectable()
export class PopularityCache implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('popularity');
  private items: readonly PopularItem[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(REALTIME_STORE) private readonly store: RealtimeStore,
    @Inject(CLOCK) private readonly clock: () => Date,
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
      this.items = await this.store.popularItems(POPULAR_ITEMS_KEPT, this.clock());
    } catch (error) {
      this.logger.warn(
        `popular items refresh failed, keeping ${this.items.length}: ${(error as Error).message}`,
      );
    }
  }
}
