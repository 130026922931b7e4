import type { ClassifiedEvent } from '@recsys/domain';
import type { InteractionEventV1 } from '@recsys/interaction-events';
import type { InteractionSignals } from './interaction-signals';

/**
 * Says whether an event means liked (1), unliked (-1) or neutral (0) for its `itemId`. For an
 * impression, `itemId` is the chosen item: liked; the skipped ones become triplets in deriveTriplets.
 */
export function classifyInteraction(
  event: InteractionEventV1,
  signals: InteractionSignals,
): ClassifiedEvent {
  if (event.type === 'dislike') return { event, polarity: -1, weight: 0 };
  if (event.type === 'rating') {
    const rating = event.value ?? 0;
    if (rating >= signals.likeRatingMin) {
      return { event, polarity: 1, weight: signals.likedRatingWeight };
    }
    return { event, polarity: rating <= signals.dislikeRatingMax ? -1 : 0, weight: 0 };
  }
  const weight = signals.positiveWeights[event.type];
  return weight > 0 ? { event, polarity: 1, weight } : { event, polarity: 0, weight: 0 };
}
