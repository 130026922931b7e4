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
    try {
      await this.deps.eventSink.publish(result.events);
    } catch (error) {
      throw new DomainError(
        'EVENT_STREAM_UNAVAILABLE',
        `the event stream did not acknowledge the events: ${(error as Error).message}`,
      );
    }
    return { accepted: result.events.length };
  }
}
