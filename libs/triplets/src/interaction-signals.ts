import type { InteractionType } from '@recsys/interaction-events';

/** How strongly each interaction says "liked", and where ratings turn into likes and dislikes. */
export interface InteractionSignals {
  /** Weight of a positive interaction by type; a type with weight 0 is neutral. */
  positiveWeights: Record<Exclude<InteractionType, 'dislike' | 'rating'>, number>;
  /** Weight of a rating at or above `likeRatingMin`. */
  likedRatingWeight: number;
  likeRatingMin: number;
  dislikeRatingMax: number;
}

/** Purchases say more than clicks; views alone say too little to train on. */
export const DEFAULT_INTERACTION_SIGNALS: InteractionSignals = {
  positiveWeights: { view: 0, click: 1, add_to_cart: 2, purchase: 3, like: 2, impression: 1 },
  likedRatingWeight: 2,
  likeRatingMin: 4,
  dislikeRatingMax: 2,
};
