import { Inject, Injectable, Optional } from '@nestjs/common';
import type { EventSource } from '@recsys/domain';
import type { HealthReport } from '@recsys/process-lifecycle';
import {
  EVENT_SOURCE,
  INGESTOR_CLOCK,
  INGESTOR_HEALTH_SETTINGS,
  type IngestorHealthSettings,
} from '../ingestor-dependencies';
import { InteractionBatchProcessor } from '../interactions/interaction-batch-processor';
import { RealtimeFeed } from '../interactions/realtime-feed';
import { ingestionVerdict } from './ingestion-verdict';

const DEFAULT_STALL_MS = 60_000;

/** The ingestor's readiness: consumer joined and not stalled; with its counts and the realtime feed's. */
@Injectable()
export class IngestorHealth {
  constructor(
    @Inject(EVENT_SOURCE) private readonly eventSource: EventSource,
    @Inject(INGESTOR_CLOCK) private readonly clock: () => Date,
    private readonly processor: InteractionBatchProcessor,
    private readonly realtime: RealtimeFeed,
    @Optional()
    @Inject(INGESTOR_HEALTH_SETTINGS)
    private readonly settings: IngestorHealthSettings | null,
  ) {}

  report(): HealthReport {
    const status = this.eventSource.status?.() ?? { consuming: true, failingSinceMs: null };
    const verdict = ingestionVerdict(status, {
      nowMs: this.clock().getTime(),
      stallMs: this.settings?.stallMs ?? DEFAULT_STALL_MS,
    });
    return {
      healthy: verdict.healthy,
      body: {
        status: verdict.healthy ? 'ok' : 'failing',
        problems: verdict.problems,
        consuming: status.consuming,
        stalledForMs: verdict.stalledForMs,
        ingested: this.processor.counts,
        realtime: { behind: this.realtime.isBehind, ...this.realtime.counts },
      },
    };
  }
}
