import { Inject, Injectable } from '@nestjs/common';
import { TRAINER_CLOCK } from '../trainer-dependencies';

/** When the trainer last heard from its job queue (a poll, or a lease renewal while a job runs). */
@Injectable()
export class QueueContact {
  private lastMs: number | null = null;

  constructor(@Inject(TRAINER_CLOCK) private readonly clock: () => Date) {}

  /** The queue answered just now. */
  touch(): void {
    this.lastMs = this.clock().getTime();
  }

  /** Milliseconds since the queue last answered; null before it ever did. */
  silentForMs(): number | null {
    return this.lastMs === null ? null : this.clock().getTime() - this.lastMs;
  }
}
