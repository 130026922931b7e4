import type { ClassifiedEvent } from '@recsys/domain';

/** Keeps the first occurrence of each `eventId`, in batch order (a batch may repeat an event). */
export function dedupeByEventId(events: readonly ClassifiedEvent[]): ClassifiedEvent[] {
  const seen = new Set<string>();
  const unique: ClassifiedEvent[] = [];
  for (const classified of events) {
    if (!seen.has(classified.event.eventId)) {
      seen.add(classified.event.eventId);
      unique.push(classified);
    }
  }
  return unique;
}
