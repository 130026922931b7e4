import { Inject, Injectable } from '@nestjs/common';
import type { HealthReport } from '@recsys/process-lifecycle';
import { QueueContact } from '../jobs/queue-contact';
import { TRAINER_SETTINGS, type TrainerSettings } from '../trainer-dependencies';

// Slack for a slow query or a busy event loop, on top of three missed polls or lease renewals.
const SLACK_MS = 5_000;

/**
 * The trainer's readiness: it is polling. Healthy while its job queue answered a poll (or, during a job,
 * a lease renewal) within three intervals plus some slack; unhealthy before the first answer and while
 * the database is away.
 */
@Injectable()
export class TrainerHealth {
  constructor(
    @Inject(TRAINER_SETTINGS) private readonly settings: TrainerSettings,
    private readonly contact: QueueContact,
  ) {}

  /** How long the queue may stay silent before the trainer reports itself unhealthy. */
  get allowedSilenceMs(): number {
    const interval = Math.max(this.settings.pollIntervalMs, this.settings.heartbeatIntervalMs);
    return 3 * interval + SLACK_MS;
  }

  report(): HealthReport {
    const silentForMs = this.contact.silentForMs();
    const healthy = silentForMs !== null && silentForMs <= this.allowedSilenceMs;
    return {
      healthy,
      body: {
        status: healthy ? 'ok' : 'failing',
        workerId: this.settings.workerId,
        queueSilentForMs: silentForMs,
        allowedSilenceMs: this.allowedSilenceMs,
      },
    };
  }
}
