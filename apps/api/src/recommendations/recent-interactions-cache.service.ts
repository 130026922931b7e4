import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import type { RealtimeStore, RecentInteraction } from '@recsys/domain';
import { REALTIME_STORE } from '../api-ports.module';
import { API_SETTINGS, type ApiSettings } from '../api-settings';
import { RecentListsCache } from './recent-interactions-cache-lists';

const WARN_EVERY_MS = 10_000;
const NONE: readonly RecentInteraction[] = Object.freeze([]);

/**
 * Each user's recent interactions, as /recommend needs them: from memory when the list is kept (no
 * promise, no Redis round trip), else one store read that is kept until the store announces a change of
 * that user (see RecentListsCache). While the store is unreachable it answers without recent interactions,
 * warns at most every 10 s, and keeps nothing.
 */
@Injectable()
export class RecentInteractionsCache implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('recent-interactions');
  private readonly lists: RecentListsCache;
  private unwatch: (() => Promise<void>) | null = null;
  private lastWarningMs = -Infinity;

  constructor(
    @Inject(REALTIME_STORE) private readonly store: RealtimeStore,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
  ) {
    this.lists = new RecentListsCache({
      ...settings.recentCache,
      nowMs: () => performance.now(),
      read: (userId) => store.recentInteractions(userId, settings.recentInteractionsPerRequest),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.enabled) return;
    try {
      this.unwatch = await this.store.watchUsers(this.lists);
    } catch (error) {
      this.logger.warn(`reading recent interactions through: ${(error as Error).message}`);
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.unwatch?.().catch(() => undefined);
    this.lists.onReset('lost');
  }

  /** The user's list when it is kept in memory (no promise, no store read); undefined otherwise. */
  kept(userId: string): readonly RecentInteraction[] | undefined {
    if (this.settings.recentInteractionsPerRequest === 0) return NONE;
    return this.lists.cached(userId);
  }

  /** The user's list, kept or read from the store (never rejects: no list while the store is away). */
  read(userId: string): Promise<readonly RecentInteraction[]> {
    const kept = this.kept(userId);
    return kept ? Promise.resolve(kept) : this.load(userId);
  }

  /** Users whose list is kept now. */
  get keptUsers(): number {
    return this.lists.size;
  }

  private get enabled(): boolean {
    return this.settings.recentInteractionsPerRequest > 0 && this.settings.recentCache.maxUsers > 0;
  }

  private async load(userId: string): Promise<readonly RecentInteraction[]> {
    try {
      return await this.lists.load(userId);
    } catch (error) {
      const nowMs = performance.now();
      if (nowMs - this.lastWarningMs > WARN_EVERY_MS) {
        this.lastWarningMs = nowMs;
        this.logger.warn(`serving without recent interactions: ${(error as Error).message}`);
      }
      return NONE;
    }
  }
}
