import type { ClassifiedEvent } from '@recsys/domain';

/**
 * A batch of events as one array per column, for a single `INSERT ... SELECT FROM unnest(...)`: one
 * statement and nine parameters whatever the batch size. `shownItemIds` holds JSON text (or null).
 */
export interface EventColumns {
  eventIds: string[];
  userIds: string[];
  itemIds: string[];
  types: string[];
  values: (number | null)[];
  shownItemIds: (string | null)[];
  occurredAt: string[];
  polarities: number[];
  weights: number[];
}

/** Splits events into column arrays, in batch order. */
export function toEventColumns(events: readonly ClassifiedEvent[]): EventColumns {
  const columns: EventColumns = {
    eventIds: [],
    userIds: [],
    itemIds: [],
    types: [],
    values: [],
    shownItemIds: [],
    occurredAt: [],
    polarities: [],
    weights: [],
  };
  for (const { event, polarity, weight } of events) {
    columns.eventIds.push(event.eventId);
    columns.userIds.push(event.userId);
    columns.itemIds.push(event.itemId);
    columns.types.push(event.type);
    columns.values.push(event.value ?? null);
    columns.shownItemIds.push(event.shownItemIds ? JSON.stringify(event.shownItemIds) : null);
    columns.occurredAt.push(event.timestamp);
    columns.polarities.push(polarity);
    columns.weights.push(weight);
  }
  return columns;
}
