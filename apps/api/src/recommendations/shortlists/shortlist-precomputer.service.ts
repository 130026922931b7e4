import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import {
  computeUserShortlists,
  shortlistSourceOf,
  UserShortlists,
  type ServingModel,
} from '@recsys/recommendations';
import { pauseForEventLoop } from '@recsys/vector-index';
import { API_SETTINGS, type ApiSettings } from '../../api-settings';
import { ModelHolder } from '../../models/model-holder.service';
import { computeShortlistsOffThread, type ShortlistJob } from './compute-shortlists-off-thread';

/**
 * Computes each user's list (UserShortlists) for every model swapped in: on a worker thread over the
 * model's own index, or here in slices between requests for small models or when no worker can start. The
 * lists are attached to the model at once and fill up as they arrive; a newer swap abandons older work.
 */
@Injectable()
export class ShortlistPrecomputer implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('shortlists');
  private generation = 0;
  private job: ShortlistJob | null = null;

  constructor(
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
    private readonly models: ModelHolder,
  ) {}

  onModuleInit(): void {
    this.models.onSwap((model) => void this.precompute(model));
  }

  onModuleDestroy(): void {
    this.generation++;
    this.job?.cancel();
  }

  private async precompute(model: ServingModel): Promise<void> {
    const generation = ++this.generation;
    this.job?.cancel();
    const { size, maxUsers } = this.settings.shortlists;
    const users = Math.min(model.snapshot.userIds.length, maxUsers);
    if (size === 0 || users === 0) return;
    const startMs = performance.now();
    const lists = new UserShortlists(users, size);
    model.shortlists = lists;
    try {
      const where = await this.compute(model, lists, generation);
      if (generation !== this.generation) return;
      const seconds = ((performance.now() - startMs) / 1000).toFixed(1);
      this.logger.log(`lists of ${users} users for model ${model.version} computed ${where} in ${seconds} s`); // prettier-ignore
    } catch (error) {
      if (generation !== this.generation) return;
      this.logger.warn(`lists for model ${model.version} stopped: ${(error as Error).message}`);
    }
  }

  private async compute(model: ServingModel, lists: UserShortlists, generation: number) {
    // Small models take milliseconds: computed here, no thread started.
    if (
      lists.userCount * model.snapshot.itemIds.length >
      this.settings.shortlists.threadAbovePairs
    ) {
      try {
        this.job = computeShortlistsOffThread(model, lists);
        await this.job.done;
        return 'on a worker thread';
      } catch (error) {
        if (generation !== this.generation) throw error;
        this.logger.warn(`no shortlist worker (${(error as Error).message}): computing between requests`); // prettier-ignore
      }
    }
    const steps = computeUserShortlists(shortlistSourceOf(model), lists);
    for (let next = steps.next(); !next.done; next = steps.next()) {
      await pauseForEventLoop();
      if (generation !== this.generation) throw new Error('a newer model was swapped in');
    }
    return 'between requests';
  }
}
