import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import {
  INGESTOR_DEPENDENCIES,
  INGESTOR_SETTINGS,
  type IngestorDependencies,
  type IngestorSettings,
} from '../ingestor-dependencies';
import { InteractionBatchProcessor } from './interaction-batch-processor';

/** Consumes the interactions stream from start-up to shutdown, logging progress now and then. */
@Injectable()
export class InteractionsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ingestor');
  readonly processor: InteractionBatchProcessor;
  private progressTimer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(INGESTOR_DEPENDENCIES) private readonly deps: IngestorDependencies,
    @Inject(INGESTOR_SETTINGS) settings: IngestorSettings,
  ) {
    this.processor = new InteractionBatchProcessor(deps, settings);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.deps.eventSource.start((batch) => this.processor.process(batch));
    let logged = 0;
    this.progressTimer = setInterval(() => {
      if (this.processor.counts.messages === logged) return;
      logged = this.processor.counts.messages;
      this.logger.log(`ingested ${JSON.stringify(this.processor.counts)}`);
    }, 10_000);
    this.progressTimer.unref();
    this.logger.log('consuming interaction events');
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.progressTimer) clearInterval(this.progressTimer);
    await this.deps.eventSource.stop();
  }
}
