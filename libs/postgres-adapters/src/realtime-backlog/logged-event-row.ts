import type { ClassifiedEvent } from '@recsys/domain';
import type { InteractionEventV1 } from '@recsys/interaction-events';

/** A row of `interaction_events` with both times as UTC ISO-8601 text (microseconds). */
export interface LoggedEventRow {
  event_id: string;
  user_id: string;
  item_id: string;
  type: string;
  value: number | null;
  shown_item_ids: string[] | null;
  occurred_at: string;
  received_at: string;
  polarity: number;
  weight: number;
}

/** The event as the ingestor classified it when it was logged, with when it was received. */
export function toClassifiedEvent(row: LoggedEventRow): ClassifiedEvent {
  const event: InteractionEventV1 = {
    eventId: row.event_id,
    userId: row.user_id,
    itemId: row.item_id,
    type: row.type as InteractionEventV1['type'],
    timestamp: row.occurred_at,
  };
  if (row.value !== null) event.value = Number(row.value);
  if (row.shown_item_ids !== null) event.shownItemIds = row.shown_item_ids;
  return {
    event,
    polarity: Number(row.polarity) as ClassifiedEvent['polarity'],
    weight: Number(row.weight),
    receivedAt: row.received_at,
  };
}
