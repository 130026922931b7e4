import type { z } from 'zod';
import { intVar, numberVar } from './env-fields';

/**
 * Per-event-type weights of liked interactions. The ingestor reads them to tell positive types (weight > 0)
 * from neutral ones; the trainer weights every liked pair with them at training time (the strongest type
 * seen for the pair), so a changed weight re-weights the whole history at the next job.
 */
export const positiveWeightsEnv = {
  WEIGHT_CLICK: numberVar({ default: 1, min: 0, description: 'Positive weight of a click' }),
  WEIGHT_ADD_TO_CART: numberVar({
    default: 2,
    min: 0,
    description: 'Positive weight of an add-to-cart',
  }),
  WEIGHT_PURCHASE: numberVar({ default: 3, min: 0, description: 'Positive weight of a purchase' }),
  WEIGHT_LIKE: numberVar({ default: 2, min: 0, description: 'Positive weight of a like' }),
  WEIGHT_VIEW: numberVar({
    default: 0,
    min: 0,
    description: 'Positive weight of a view (0 = neutral)',
  }),
  WEIGHT_IMPRESSION_CHOICE: numberVar({
    default: 1,
    min: 0,
    description: 'Weight of the item chosen from an impression',
  }),
  WEIGHT_LIKED_RATING: numberVar({
    default: 2,
    min: 0,
    description: 'Weight of a rating >= LIKE_RATING_MIN',
  }),
};

/** The weight of each positive event type (`rating`: a liked rating) for `loadTrainingSet`. */
export function positiveWeightsFrom(
  config: z.infer<z.ZodObject<typeof positiveWeightsEnv>>,
): Record<string, number> {
  return {
    view: config.WEIGHT_VIEW,
    click: config.WEIGHT_CLICK,
    add_to_cart: config.WEIGHT_ADD_TO_CART,
    purchase: config.WEIGHT_PURCHASE,
    like: config.WEIGHT_LIKE,
    impression: config.WEIGHT_IMPRESSION_CHOICE,
    rating: config.WEIGHT_LIKED_RATING,
  };
}

/** How interactions turn into training signal (read by the ingestor). */
export const signalsEnv = {
  ...positiveWeightsEnv,
  LIKE_RATING_MIN: numberVar({ default: 4, description: 'Ratings at or above this are likes' }),
  DISLIKE_RATING_MAX: numberVar({
    default: 2,
    description: 'Ratings at or below this are dislikes',
  }),
  MAX_TRIPLETS_PER_EVENT: intVar({
    default: 50,
    min: 1,
    description: 'Most triplets one event may produce',
  }),
};
