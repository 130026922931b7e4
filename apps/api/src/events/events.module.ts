import { Module } from '@nestjs/common';
import { EventsController } from './events.controller';
import { EventsService } from './events.service';

/** Interaction events sent over HTTP, on their way to the event stream. */
@Module({ controllers: [EventsController], providers: [EventsService] })
export class EventsModule {}
