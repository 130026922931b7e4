import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { startHealthServer, type HealthServer } from '@recsys/process-lifecycle';
import { INGESTOR_HEALTH_SETTINGS, type IngestorHealthSettings } from '../ingestor-dependencies';
import { IngestorHealth } from './ingestor-health';

/**
 * GET /health/live (the process answers) and /health/ready (consumer joined, not stalled) on the
 * ingestor's own small port, for compose and orchestrator probes.
 */
@Injectable()
export class IngestorHealthEndpoint implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ingestor');
  private server: HealthServer | null = null;

  constructor(
    @Inject(INGESTOR_HEALTH_SETTINGS) private readonly settings: IngestorHealthSettings,
    private readonly health: IngestorHealth,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.settings.port === 0) return;
    try {
      this.server = await startHealthServer({
        host: this.settings.host,
        port: this.settings.port,
        routes: {
          '/health/live': () => ({ healthy: true, body: { status: 'ok' } }),
          '/health/ready': () => this.health.report(),
        },
      });
    } catch (error) {
      // Several ingestors on one host (tests, a laptop) share the default port: ingestion matters more
      // than the probe, and a probe that cannot connect reports the problem anyway.
      this.logger.error(`no health endpoint on port ${this.settings.port}: ${String(error)}`);
      return;
    }
    this.logger.log(`health on http://${this.settings.host}:${this.server.port}/health/ready`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.server?.close();
  }
}
