import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type EventSink } from '@recsys/domain';
import { validateEventBatch } from '@recsys/interaction-events';
import { CLOCK, EVENT_SINK } from '../api-ports.module';

/** Puts interaction events on the event stream: all of a batch or none. */
@Injectable()
export class EventsService {
  constructor(
    @Inject(EVENT_SINK) private readonly sink: EventSink,
    @Inject(CLOCK) private readonly clock: () => Date,
  ) {}

  /**
   * Validates one event or an array (INVALID_EVENT listing every bad field) and resolves once the stream
   * acknowledged every event (the sink's EVENT_PUBLISH_FAILED / EVENT_TOO_LARGE otherwise).
   */
  async publish(batch: unknown): Promise<{ accepted: number }> {
    const result = validateEventBatch(batch, { now: this.clock() });
    if (!result.ok) {
      throw new DomainError('INVALID_EVENT', 'the request holds invalid events', {
        errors: result.errors,
      });
    }
    // The sink's own codes reach the error filter: an outage is a 503 with Retry-After (no broker
    // address in the answer), a batch the broker can never take a 413.
    await this.sink.publish(result.events);
    return { accepted: result.events.length };
  }
}
