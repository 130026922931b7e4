import { z } from 'zod';
import { EVENT_LIMITS } from './event-limits';
import { INTERACTION_TYPES } from './interaction-event-v1';

// Printable ids only: control characters (NUL included) break logs, CSV exports, PostgreSQL text and Redis
// key readability. A lone UTF-16 surrogate has no UTF-8 form: PostgreSQL would store it as U+FFFD, merging
// two distinct ids, and the realtime store's key encoding throws on it.
// In a `u` regex a surrogate pair is one code point; only an unpaired half matches \p{Cs}.
const LONE_SURROGATE = /\p{Cs}/u;
const id = (what: string) =>
  z
    .string({ error: `${what} must be a string` })
    .min(1, { error: `${what} must not be empty` })
    .max(EVENT_LIMITS.maxIdLength, {
      error: `${what} must be at most ${EVENT_LIMITS.maxIdLength} characters`,
    })
    .regex(/^[^\p{Cc}]*$/u, { error: `${what} must not contain control characters` })
    .refine((text) => !LONE_SURROGATE.test(text), {
      error: `${what} must be well-formed Unicode (no lone surrogate)`,
    });

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
