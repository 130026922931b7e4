import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { Access } from '../access/access-level.decorator';
import { EventsService } from './events.service';

/** `POST /events`: interaction events over HTTP. */
@Controller('events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  /** One event or an array; 202 only once the stream acknowledged every event. */
  @Post()
  @HttpCode(202)
  @Access('write')
  publish(@Body() body: unknown): Promise<{ accepted: number }> {
    return this.events.publish(body);
  }
}
