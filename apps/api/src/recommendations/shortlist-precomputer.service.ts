import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { computeUserShortlists, UserShortlists, type ServingModel } from '@recsys/recommendations';
import { pauseForEventLoop } from '@recsys/vector-index';
import { API_SETTINGS, type ApiSettings } from '../api-dependencies';
import { ModelHolder } from './model-holder.service';

/**
 * Computes each user's list (UserShortlists) for every model swapped in, in slices between requests. The
 * lists are attached to the model at once and fill up user by user; a newer swap abandons the older work.
 */
@Injectable()
export class ShortlistPrecomputer implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('shortlists');
  private generation = 0;

  constructor(
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
    private readonly models: ModelHolder,
  ) {}

  onModuleInit(): void {
    this.models.onSwap((model) => void this.precompute(model));
  }

  onModuleDestroy(): void {
    this.generation++;
  }

  private async precompute(model: ServingModel): Promise<void> {
    const { size, maxUsers } = this.settings.shortlists;
    const users = Math.min(model.snapshot.userIds.length, maxUsers);
    const generation = ++this.generation;
    if (size === 0 || users === 0) return;
    const startMs = performance.now();
    const shortlists = new UserShortlists(users, size);
    model.shortlists = shortlists;
    const steps = computeUserShortlists(model, shortlists);
    try {
      for (let next = steps.next(); !next.done; next = steps.next()) {
        await pauseForEventLoop();
        if (generation !== this.generation) return;
      }
      const seconds = ((performance.now() - startMs) / 1000).toFixed(1);
      this.logger.log(
        `lists of ${users} users for model ${model.version} computed in ${seconds} s`,
      );
    } catch (error) {
      this.logger.warn(`lists for model ${model.version} stopped: ${(error as Error).message}`);
    }
  }
}
