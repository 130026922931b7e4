import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { startProbeServer, type HealthServer } from '@recsys/process-lifecycle';
import { INGESTOR_HEALTH_SETTINGS, type IngestorHealthSettings } from '../ingestor-dependencies';
import { IngestorHealth } from './ingestor-health';

/** GET /health/live and /health/ready (consumer joined, not stalled) on the ingestor's own small port. */
@Injectable()
export class IngestorHealthEndpoint implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ingestor');
  private server: HealthServer | null = null;

  constructor(
    @Inject(INGESTOR_HEALTH_SETTINGS) private readonly settings: IngestorHealthSettings,
    private readonly health: IngestorHealth,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.server = await startProbeServer({
      ...this.settings,
      ready: () => this.health.report(),
      log: (line) => this.logger.log(line),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.server?.close();
  }
}
