import { z } from 'zod';
import { idSchema } from '@recsys/input-rules';
import { EVENT_LIMITS } from './event-limits';
import { INTERACTION_TYPES } from './interaction-event-v1';

// One id rule for events, catalogue items and route parameters (libs/input-rules): well-formed Unicode
// without control characters. A lone surrogate has no UTF-8 form (PostgreSQL would store U+FFFD, merging two
// ids); NUL breaks PostgreSQL text; control characters break logs, CSV exports and Redis keys.
const id = idSchema;

/** The wire shape of InteractionEventV1; cross-field rules live in validateInteractionEvent. */
export const interactionEventV1Schema = z.strictObject({
  eventId: id('eventId'),
  userId: id('userId'),
  itemId: id('itemId'),
  type: z.enum(INTERACTION_TYPES, { error: `type must be one of ${INTERACTION_TYPES.join(', ')}` }),
  value: z
    .number({ error: 'value must be a number' })
    .min(EVENT_LIMITS.minRating, { error: `value must be >= ${EVENT_LIMITS.minRating}` })
    .max(EVENT_LIMITS.maxRating, { error: `value must be <= ${EVENT_LIMITS.maxRating}` })
    .optional(),
  shownItemIds: z
    .array(id('shownItemIds[]'), { error: 'shownItemIds must be an array of item ids' })
    .min(1, { error: 'shownItemIds must not be empty' })
    .max(EVENT_LIMITS.maxShownItems, {
      error: `shownItemIds must have at most ${EVENT_LIMITS.maxShownItems} items`,
    })
    .optional(),
  timestamp: z.iso.datetime({
    offset: true,
    error: 'timestamp must be an ISO-8601 date-time with a time zone, e.g. 2026-01-31T12:00:00Z',
  }),
});
