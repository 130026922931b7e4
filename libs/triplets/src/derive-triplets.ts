import type { ClassifiedEvent, Triplet, UserHistory } from '@recsys/domain';

export interface DeriveTripletsOptions {
  /** Upper bound on the triplets one event produces, so one dislike by a heavy user stays cheap. */
  maxTripletsPerEvent: number;
}

/**
 * Turns explicit negatives into (user, liked, unliked) triplets: an unliked item pairs with the user's
 * earlier liked items, a liked item with the earlier unliked ones, and an impression's chosen item with
 * every other item shown. Events are applied in order, so a batch sees its own earlier events.
 */
export function deriveTriplets(
  newEvents: readonly ClassifiedEvent[],
  historyByUser: ReadonlyMap<string, UserHistory>,
  options: DeriveTripletsOptions,
): Triplet[] {
  const state = new Map<string, UserHistory>();
  const triplets: Triplet[] = [];
  for (const classified of newEvents) {
    const { event, polarity } = classified;
    const history = historyOf(event.userId, historyByUser, state);
    const emit = (positiveItemId: string, negativeItemId: string) => {
      if (positiveItemId === negativeItemId) return;
      triplets.push({
        userId: event.userId,
        positiveItemId,
        negativeItemId,
        sourceEventId: event.eventId,
      });
    };
    const limit = options.maxTripletsPerEvent;
    if (event.type === 'impression' && event.shownItemIds) {
      const skipped = event.shownItemIds.filter((id) => !history.positiveItemIds.includes(id));
      unique(skipped)
        .slice(0, limit)
        .forEach((skippedId) => emit(event.itemId, skippedId));
    }
    if (polarity === -1) {
      history.positiveItemIds.slice(0, limit).forEach((liked) => emit(liked, event.itemId));
      remember(history.negativeItemIds, event.itemId);
      forget(history.positiveItemIds, event.itemId);
    } else if (polarity === 1) {
      history.negativeItemIds.slice(0, limit).forEach((unliked) => emit(event.itemId, unliked));
    }
    if (polarity === 1) {
      remember(history.positiveItemIds, event.itemId);
      forget(history.negativeItemIds, event.itemId);
    }
  }
  return triplets;
}

function historyOf(
  userId: string,
  stored: ReadonlyMap<string, UserHistory>,
  state: Map<string, UserHistory>,
): UserHistory {
  let history = state.get(userId);
  if (!history) {
    const earlier = stored.get(userId);
    history = {
      positiveItemIds: [...(earlier?.positiveItemIds ?? [])],
      negativeItemIds: [...(earlier?.negativeItemIds ?? [])],
    };
    state.set(userId, history);
  }
  return history;
}

// Most recent first, like the stored history.
function remember(list: string[], itemId: string): void {
  forget(list, itemId);
  list.unshift(itemId);
}

function forget(list: string[], itemId: string): void {
  const at = list.indexOf(itemId);
  if (at >= 0) list.splice(at, 1);
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
