import type { InteractionEventV1 } from '@recsys/interaction-events';

/** One row of the event log as the audit reads it. */
export interface StoredRow {
  eventId: string;
  userId: string;
  itemId: string;
  type: string;
}

/** The delivery figures of a chaos run for the events that were acknowledged. */
export interface DeliveryAudit {
  acknowledged: number;
  stored: number;
  /** Acknowledged and never stored. */
  lost: number;
  /** Acknowledged ids stored more than once, or as a row that differs from the event sent. */
  duplicated: number;
  lostExamples: string[];
  duplicatedExamples: string[];
}

const MAX_EXAMPLES = 10;

/** Compares the acknowledged events with the rows the event log holds for their ids. */
export function auditDelivery(
  acknowledged: readonly InteractionEventV1[],
  rows: readonly StoredRow[],
): DeliveryAudit {
  const rowsById = new Map<string, StoredRow[]>();
  for (const row of rows) rowsById.set(row.eventId, [...(rowsById.get(row.eventId) ?? []), row]);
  const audit: DeliveryAudit = {
    acknowledged: 0,
    stored: 0,
    lost: 0,
    duplicated: 0,
    lostExamples: [],
    duplicatedExamples: [],
  };
  const seen = new Set<string>();
  for (const event of acknowledged) {
    if (seen.has(event.eventId)) continue;
    seen.add(event.eventId);
    audit.acknowledged += 1;
    const stored = rowsById.get(event.eventId) ?? [];
    if (stored.length === 0) {
      audit.lost += 1;
      if (audit.lostExamples.length < MAX_EXAMPLES) audit.lostExamples.push(event.eventId);
      continue;
    }
    audit.stored += 1;
    const differs = stored.some(
      (row) =>
        row.userId !== event.userId || row.itemId !== event.itemId || row.type !== event.type,
    );
    if (stored.length > 1 || differs) {
      audit.duplicated += 1;
      if (audit.duplicatedExamples.length < MAX_EXAMPLES) audit.duplicatedExamples.push(event.eventId); // prettier-ignore
    }
  }
  return audit;
}
