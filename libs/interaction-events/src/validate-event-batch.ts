import { EVENT_LIMITS } from './event-limits';
import type { FieldError } from './field-error';
import type { InteractionEventV1 } from './interaction-event-v1';
import { validateInteractionEvent } from './validate-interaction-event';

export type BatchValidationResult =
  { ok: true; events: InteractionEventV1[] } | { ok: false; errors: FieldError[] };

/**
 * Validates a request body holding one event or an array of events. A batch is all-or-nothing, so a
 * storefront never has to work out which half of its batch was accepted; errors are prefixed `[i].`.
 */
export function validateEventBatch(body: unknown, options: { now: Date }): BatchValidationResult {
  if (!Array.isArray(body)) {
    const single = validateInteractionEvent(body, options);
    return single.ok ? { ok: true, events: [single.event] } : single;
  }
  if (body.length === 0) return { ok: false, errors: [{ field: '', message: 'batch is empty' }] };
  if (body.length > EVENT_LIMITS.maxBatchSize) {
    const message = `batch has ${body.length} events, at most ${EVENT_LIMITS.maxBatchSize} allowed`;
    return { ok: false, errors: [{ field: '', message }] };
  }
  const events: InteractionEventV1[] = [];
  const errors: FieldError[] = [];
  body.forEach((item, index) => {
    const result = validateInteractionEvent(item, options);
    if (result.ok) events.push(result.event);
    else
      errors.push(
        ...result.errors.map((e) => ({
          field: `[${index}]${e.field ? '.' + e.field : ''}`,
          message: e.message,
        })),
      );
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, events };
}
