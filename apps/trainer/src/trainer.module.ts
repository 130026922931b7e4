import { DynamicModule, Logger, Module, type Provider } from '@nestjs/common';
import { metricsPageOf, ProbeEndpoint } from '@recsys/process-lifecycle';
import { AutoTrainer } from './auto-training/auto-trainer.service';
import { TrainerHealth } from './health/trainer-health';
import { JobPoller } from './jobs/job-poller.service';
import { QueueContact } from './jobs/queue-contact';
import { TrainerMetrics } from './metrics/trainer-metrics';
import {
  EMBEDDING_STORE,
  JOB_QUEUE,
  TRAINER_CLOCK,
  TRAINER_HEALTH_SETTINGS,
  TRAINER_SETTINGS,
  TRIPLET_STORE,
  type TrainerDependencies,
  type TrainerHealthSettings,
  type TrainerSettings,
} from './trainer-dependencies';
import { TrainingJobRunner } from './training/training-job.runner';

/**
 * The background trainer; the composition root hands it its ports (real or embedded) and settings, each
 * port a provider of its own. With `health`, it serves its own HTTP health endpoint and `/metrics` on that port.
 */
@Module({})
export class TrainerModule {
  static register(options: {
    dependencies: TrainerDependencies;
    settings: TrainerSettings;
    health?: TrainerHealthSettings;
  }): DynamicModule {
    const { dependencies } = options;
    const health: Provider[] = options.health
      ? [
          { provide: TRAINER_HEALTH_SETTINGS, useValue: options.health },
          {
            // GET /health/live and /health/ready on the trainer's own small port.
            provide: ProbeEndpoint,
            inject: [TRAINER_HEALTH_SETTINGS, TrainerHealth, TrainerMetrics],
            useFactory: (
              settings: TrainerHealthSettings,
              health: TrainerHealth,
              metrics: TrainerMetrics,
            ) => {
              const logger = new Logger('trainer');
              return new ProbeEndpoint({
                host: settings.host,
                port: settings.port,
                ready: () => health.report(),
                metrics: metricsPageOf(metrics.registry),
                log: (line) => logger.log(line),
              });
            },
          },
        ]
      : [];
    return {
      module: TrainerModule,
      providers: [
        { provide: JOB_QUEUE, useValue: dependencies.jobQueue },
        { provide: TRIPLET_STORE, useValue: dependencies.tripletStore },
        { provide: EMBEDDING_STORE, useValue: dependencies.embeddingStore },
        { provide: TRAINER_CLOCK, useValue: dependencies.clock },
        { provide: TRAINER_SETTINGS, useValue: options.settings },
        QueueContact,
        TrainingJobRunner,
        JobPoller,
        AutoTrainer,
        TrainerHealth,
        TrainerMetrics,
        ...health,
      ],
      exports: [TrainerHealth, TrainerMetrics],
    };
  }
}
