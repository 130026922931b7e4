import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { startProbeServer, type HealthServer } from '@recsys/process-lifecycle';
import { TRAINER_HEALTH_SETTINGS, type TrainerHealthSettings } from '../trainer-dependencies';
import { TrainerHealth } from './trainer-health';

/** GET /health/live and /health/ready (polling its job queue) on the trainer's own small port. */
@Injectable()
export class TrainerHealthEndpoint implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('trainer');
  private server: HealthServer | null = null;

  constructor(
    @Inject(TRAINER_HEALTH_SETTINGS) private readonly settings: TrainerHealthSettings,
    private readonly health: TrainerHealth,
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
