import type { ClassifiedEvent, RecentInteraction } from '@recsys/domain';
import { eventTimeMs, recentInteractionOf } from '@recsys/domain';

/** One item of a user's recent list, with the event time it is ordered by. */
export interface RecentEntry {
  timeMs: number;
  interaction: RecentInteraction;
}

/**
 * Orders recent entries newest first; equal times by item id, descending in UTF-8 byte order (the order
 * Redis gives members of equal score in a reversed sorted-set range).
 */
export function newestFirst(a: RecentEntry, b: RecentEntry): number {
  if (a.timeMs !== b.timeMs) return b.timeMs - a.timeMs;
  const itemA = a.interaction.itemId;
  const itemB = b.interaction.itemId;
  return itemA === itemB ? 0 : Buffer.compare(Buffer.from(itemB), Buffer.from(itemA));
}

/**
 * Per user, what a batch would leave in the recent list on its own: the newest event per item (the first
 * of equally new ones, as the store keeps the first recorded), newest first, at most `maxPerUser`.
 */
export function newestEntriesByUser(
  events: readonly ClassifiedEvent[],
  maxPerUser: number,
): Map<string, RecentEntry[]> {
  const byUser = new Map<string, Map<string, RecentEntry>>();
  for (const classified of events) {
    const { userId, itemId } = classified.event;
    const entry = toRecentEntry(classified);
    let items = byUser.get(userId);
    if (!items) byUser.set(userId, (items = new Map<string, RecentEntry>()));
    const earlier = items.get(itemId);
    if (!earlier || earlier.timeMs < entry.timeMs) items.set(itemId, entry);
  }
  const result = new Map<string, RecentEntry[]>();
  for (const [userId, items] of byUser) {
    result.set(userId, [...items.values()].sort(newestFirst).slice(0, maxPerUser));
  }
  return result;
}

function toRecentEntry(classified: ClassifiedEvent): RecentEntry {
  return { timeMs: eventTimeMs(classified.event), interaction: recentInteractionOf(classified) };
}
