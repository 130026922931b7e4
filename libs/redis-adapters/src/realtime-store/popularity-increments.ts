import type { ClassifiedEvent } from '@recsys/domain';
import { addLogScores, logPopularityIncrement } from '@recsys/domain';
import { eventTimeMs } from '@recsys/domain';

/**
 * What a batch adds to each item's popularity, as ln values summed per item (see log-popularity.ts).
 * Only liked events with a positive weight count: unliked and neutral ones say nothing about popularity.
 */
export function popularityIncrements(
  events: readonly ClassifiedEvent[],
  halfLifeMs: number,
): Map<string, number> {
  const increments = new Map<string, number>();
  for (const { event, polarity, weight } of events) {
    if (polarity !== 1 || !(weight > 0) || !Number.isFinite(weight)) continue;
    const added = logPopularityIncrement({ weight, eventTimeMs: eventTimeMs(event), halfLifeMs });
    const earlier = increments.get(event.itemId);
    increments.set(event.itemId, earlier === undefined ? added : addLogScores(earlier, added));
  }
  return increments;
}
