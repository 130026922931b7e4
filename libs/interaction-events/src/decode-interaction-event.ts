import type { FieldError } from './field-error';
import { validateInteractionEvent, type ValidationResult } from './validate-interaction-event';

/** Decodes a message value (UTF-8 JSON bytes) into a valid event, or says why it cannot be one. */
export function decodeInteractionEvent(
  value: Uint8Array | null,
  options: { now: Date },
): ValidationResult {
  if (value === null || value.length === 0) return failure({ field: '', message: 'empty message' });
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(value));
  } catch (error) {
    return failure({ field: '', message: `not UTF-8 JSON: ${(error as Error).message}` });
  }
  return validateInteractionEvent(json, options);
}

function failure(error: FieldError): ValidationResult {
  return { ok: false, errors: [error] };
}
