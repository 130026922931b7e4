import { DynamicModule, Logger, Module, type Provider } from '@nestjs/common';
import { metricsPageOf, ProbeEndpoint } from '@recsys/process-lifecycle';
import type {
  DeadLetterSink,
  EventLog,
  EventSource,
  RealtimeBacklog,
  RealtimeStore,
} from '@recsys/domain';
import { IngestorHealth } from './health/ingestor-health';
import {
  DEAD_LETTER_SINK,
  EVENT_LOG,
  EVENT_SOURCE,
  INGESTOR_CLOCK,
  INGESTOR_HEALTH_SETTINGS,
  INGESTOR_SETTINGS,
  REALTIME_BACKLOG,
  REALTIME_STORE,
  type IngestorDependencies,
  type IngestorHealthSettings,
  type IngestorSettings,
} from './ingestor-dependencies';
import { InteractionBatchProcessor } from './interactions/interaction-batch-processor';
import { InteractionsConsumer } from './interactions/interactions.consumer';
import { IngestorMetrics } from './metrics/ingestor-metrics';
import { DEFAULT_REALTIME_FEED_SETTINGS, RealtimeFeed } from './interactions/realtime-feed';

/**
 * The stream consumer; the composition root hands it its ports (real or embedded) and settings, each port
 * a provider of its own. With `health`, it serves its own HTTP health endpoint and `/metrics` on that port.
 */
@Module({})
export class IngestorModule {
  static register(options: {
    dependencies: IngestorDependencies;
    settings: IngestorSettings;
    health?: IngestorHealthSettings;
  }): DynamicModule {
    const { dependencies } = options;
    const ports: Provider[] = [
      { provide: EVENT_SOURCE, useValue: dependencies.eventSource },
      { provide: DEAD_LETTER_SINK, useValue: dependencies.deadLetterSink },
      { provide: EVENT_LOG, useValue: dependencies.eventLog },
      { provide: REALTIME_STORE, useValue: dependencies.realtimeStore },
      { provide: REALTIME_BACKLOG, useValue: dependencies.realtimeBacklog },
      { provide: INGESTOR_CLOCK, useValue: dependencies.clock },
      { provide: INGESTOR_SETTINGS, useValue: options.settings },
    ];
    const health: Provider[] = options.health
      ? [
          { provide: INGESTOR_HEALTH_SETTINGS, useValue: options.health },
          {
            // GET /health/live and /health/ready on the ingestor's own small port.
            provide: ProbeEndpoint,
            inject: [INGESTOR_HEALTH_SETTINGS, IngestorHealth, IngestorMetrics],
            useFactory: (
              settings: IngestorHealthSettings,
              health: IngestorHealth,
              metrics: IngestorMetrics,
            ) => {
              const logger = new Logger('ingestor');
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
      module: IngestorModule,
      providers: [
        ...ports,
        {
          provide: RealtimeFeed,
          inject: [REALTIME_STORE, REALTIME_BACKLOG],
          useFactory: (realtimeStore: RealtimeStore, realtimeBacklog: RealtimeBacklog) => {
            const logger = new Logger('ingestor');
            return new RealtimeFeed(
              { realtimeStore, realtimeBacklog },
              DEFAULT_REALTIME_FEED_SETTINGS,
              (line) => logger.warn(line),
            );
          },
        },
        {
          provide: IngestorMetrics,
          inject: [EVENT_SOURCE, REALTIME_BACKLOG],
          useFactory: (eventSource: EventSource, realtimeBacklog: RealtimeBacklog) =>
            new IngestorMetrics({ eventSource, realtimeBacklog }),
        },
        {
          provide: InteractionBatchProcessor,
          inject: [
            EVENT_LOG,
            DEAD_LETTER_SINK,
            INGESTOR_CLOCK,
            RealtimeFeed,
            INGESTOR_SETTINGS,
            IngestorMetrics,
          ],
          useFactory: (
            eventLog: EventLog,
            deadLetterSink: DeadLetterSink,
            clock: () => Date,
            feed: RealtimeFeed,
            settings: IngestorSettings,
            metrics: IngestorMetrics,
          ) => {
            const deps = { eventLog, deadLetterSink, clock };
            const processor = new InteractionBatchProcessor(deps, feed, settings, metrics);
            metrics.followCounts(() => ({ ingestion: processor.counts, realtime: feed.counts }));
            return processor;
          },
        },
        InteractionsConsumer,
        IngestorHealth,
        ...health,
      ],
      exports: [InteractionsConsumer, IngestorHealth, IngestorMetrics],
    };
  }
}
