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
  private stopping = false;

  constructor(
    @Inject(EVENT_SOURCE) private readonly eventSource: EventSource,
    readonly processor: InteractionBatchProcessor,
    readonly realtime: RealtimeFeed,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.realtime.start();
    await this.startConsuming();
    if (this.stopping) return;
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
    this.stopping = true;
    if (this.progressTimer) clearInterval(this.progressTimer);
    await this.eventSource.stop();
    await this.realtime.stop();
  }

  // A broker that is down when the ingestor starts (a restart during an outage) is waited for, not a reason to
  // exit: the process stays up, its health endpoint says it is not consuming, and it joins once Kafka answers.
  private async startConsuming(): Promise<void> {
    for (let attempt = 1; !this.stopping; attempt++) {
      try {
        await this.eventSource.start((batch) => this.processor.process(batch));
        return;
      } catch (error) {
        const retryInMs = Math.min(START_RETRY_MAX_MS, START_RETRY_FIRST_MS * 2 ** (attempt - 1));
        this.logger.warn(
          `could not start consuming (attempt ${attempt}), retrying in ${retryInMs} ms: ${(error as Error).message}`,
        );
        await new Promise((resolve) => setTimeout(resolve, retryInMs));
      }
    }
  }
}

const START_RETRY_FIRST_MS = 500;
const START_RETRY_MAX_MS = 10_000;
