import type { FieldError } from './field-error';

/** One line for logs and dead-letter reasons: `userId: must not be empty; type: ...`. */
export function formatFieldErrors(errors: readonly FieldError[]): string {
  return errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join('; ');
}
