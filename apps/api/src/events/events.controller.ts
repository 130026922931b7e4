import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { DomainError } from '@recsys/domain';
import { validateEventBatch } from '@recsys/interaction-events';
import { Access } from '../access/access-level.decorator';
import { API_DEPENDENCIES, type ApiDependencies } from '../api-dependencies';

/** Accepts interaction events over HTTP and puts them on the event stream. */
@Controller('events')
export class EventsController {
  constructor(@Inject(API_DEPENDENCIES) private readonly deps: ApiDependencies) {}

  /** One event or an array; 202 only once the stream acknowledged every event. */
  @Post()
  @HttpCode(202)
  @Access('write')
  async publish(@Body() body: unknown): Promise<{ accepted: number }> {
    const result = validateEventBatch(body, { now: this.deps.clock() });
    if (!result.ok) {
      throw new DomainError('INVALID_EVENT', 'the request holds invalid events', {
        errors: result.errors,
      });
    }
    // The sink's own codes reach the error filter: an outage is a 503 with Retry-After (no broker
    // address in the answer), a batch the broker can never take a 413.
    await this.deps.eventSink.publish(result.events);
    return { accepted: result.events.length };
  }
}
