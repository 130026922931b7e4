import type { z } from 'zod';

/** One reason an input was rejected: which field (a path like `[3].userId`, `properties.size`) and why. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * The one mapping from zod issues to field errors, shared by the api and the event validation: the
 * issue's message at its path, and one `unknown field` error per key a strict object does not know.
 */
export function fieldErrorsOf(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          field: formatFieldPath([...issue.path, key]),
          message: 'unknown field',
        }))
      : [{ field: formatFieldPath(issue.path), message: issue.message }],
  );
}

/** `['a', 0, 'b']` → `a[0].b`; `[2, 'userId']` → `[2].userId`; `[]` → `` (the whole input). */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) =>
      typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`,
    )
    .join('');
}
