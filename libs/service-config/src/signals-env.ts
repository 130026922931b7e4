import { intVar, numberVar } from './env-fields';

/** How interactions turn into training signal (read by the ingestor). */
export const signalsEnv = {
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
