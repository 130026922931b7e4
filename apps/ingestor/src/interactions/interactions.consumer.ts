import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import type { EventSource } from '@recsys/domain';
import { EVENT_SOURCE } from '../ingestor-dependencies';
import { InteractionBatchProcessor } from './interaction-batch-processor';
import { RealtimeFeed } from './realtime-feed';

/**
 * Consumes the interactions stream from start-up to shutdown, and runs the realtime store's catch-up,
 * logging progress now and then.
 */
@Injectable()
export class InteractionsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ingestor');
  private progressTimer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(EVENT_SOURCE) private readonly eventSource: EventSource,
    readonly processor: InteractionBatchProcessor,
    readonly realtime: RealtimeFeed,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.realtime.start();
    await this.eventSource.start((batch) => this.processor.process(batch));
    let logged = '';
    this.progressTimer = setInterval(() => {
      const progress = JSON.stringify({ ...this.processor.counts, realtime: this.realtime.counts });
      if (progress === logged) return;
      logged = progress;
      this.logger.log(`ingested ${progress}`);
    }, 10_000);
    this.progressTimer.unref();
    this.logger.log('consuming interaction events');
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.progressTimer) clearInterval(this.progressTimer);
    await this.eventSource.stop();
    await this.realtime.stop();
  }
}
