/** Interaction types a storefront reports (schema v1). */
export const INTERACTION_TYPES = [
  'view',
  'click',
  'add_to_cart',
  'purchase',
  'like',
  'dislike',
  'rating',
  'impression',
] as const;

export type InteractionType = (typeof INTERACTION_TYPES)[number];

/**
 * One interaction, as it travels on the `interactions.v1` topic (JSON) and is stored in the event log.
 * - `value`: the rating for `type: "rating"` (1..5 by default).
 * - `shownItemIds`: for `type: "impression"`, the items that were shown; `itemId` is the one the user chose,
 *   every other shown item is an explicit "unliked" item for that user.
 * - `timestamp`: ISO-8601 with a time zone, when the interaction happened.
 */
export interface InteractionEventV1 {
  eventId: string;
  userId: string;
  itemId: string;
  type: InteractionType;
  value?: number;
  shownItemIds?: string[];
  timestamp: string;
}
