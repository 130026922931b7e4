import { DomainError } from './domain-error';
import type { InteractionEventV1 } from '@recsys/interaction-events';

/** The event's time in epoch milliseconds; INVALID_EVENT when its timestamp does not parse. */
export function eventTimeMs(event: InteractionEventV1): number {
  const timeMs = Date.parse(event.timestamp);
  if (Number.isNaN(timeMs)) {
    throw new DomainError('INVALID_EVENT', `Event ${event.eventId} has an invalid timestamp`, {
      eventId: event.eventId,
      timestamp: event.timestamp,
    });
  }
  return timeMs;
}
