import { fieldErrorsOf } from '@recsys/input-rules';
import { EVENT_LIMITS } from './event-limits';
import type { FieldError } from './field-error';
import { interactionEventV1Schema } from './interaction-event-schema';
import type { InteractionEventV1 } from './interaction-event-v1';
import { normalizeTimestampToUtc } from './normalize-timestamp';

export type ValidationResult =
  { ok: true; event: InteractionEventV1 } | { ok: false; errors: FieldError[] };

/**
 * Checks one untrusted value against schema v1 and its cross-field rules, listing every problem found. A
 * valid event comes back with its timestamp in UTC (see normalizeTimestampToUtc).
 */
export function validateInteractionEvent(input: unknown, options: { now: Date }): ValidationResult {
  const parsed = interactionEventV1Schema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, errors: fieldErrorsOf(parsed.error) };
  }
  const timestamp = normalizeTimestampToUtc(parsed.data.timestamp);
  if (timestamp === null) {
    return {
      ok: false,
      errors: [{ field: 'timestamp', message: 'timestamp is not a valid date-time' }],
    };
  }
  const event: InteractionEventV1 = { ...parsed.data, timestamp };
  const errors = crossFieldErrors(event, options.now);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, event };
}

function crossFieldErrors(event: InteractionEventV1, now: Date): FieldError[] {
  const errors: FieldError[] = [];
  if (event.type === 'rating' && event.value === undefined) {
    errors.push({ field: 'value', message: 'value is required for a rating' });
  }
  if (event.type !== 'rating' && event.value !== undefined) {
    errors.push({ field: 'value', message: 'value is only allowed for a rating' });
  }
  if (event.type === 'impression') {
    if (event.shownItemIds === undefined) {
      errors.push({ field: 'shownItemIds', message: 'shownItemIds is required for an impression' });
    } else if (!event.shownItemIds.includes(event.itemId)) {
      errors.push({
        field: 'itemId',
        message: 'itemId (the chosen item) must be one of shownItemIds',
      });
    }
  } else if (event.shownItemIds !== undefined) {
    errors.push({
      field: 'shownItemIds',
      message: 'shownItemIds is only allowed for an impression',
    });
  }
  const at = Date.parse(event.timestamp);
  if (at > now.getTime() + EVENT_LIMITS.maxFutureSkewMs) {
    errors.push({ field: 'timestamp', message: 'timestamp is more than a day in the future' });
  }
  if (at < Date.parse(EVENT_LIMITS.earliestTimestamp)) {
    errors.push({
      field: 'timestamp',
      message: `timestamp is before ${EVENT_LIMITS.earliestTimestamp}, the earliest the event log stores`,
    });
  }
  return errors;
}
