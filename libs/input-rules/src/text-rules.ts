/** Longest accepted id, category or property key, in UTF-16 code units (JavaScript's `length`). */
export const ID_MAX_LENGTH = 256;

// With the `u` flag a well-formed surrogate pair is one code point, so \p{Cs} matches only an unpaired
// surrogate: text PostgreSQL (and any UTF-8 encoder) cannot store.
const UNPAIRED_SURROGATE = /\p{Cs}/u;
// Control characters (C0, DEL, C1) break logs, CSV exports, Redis key readability; NUL breaks PostgreSQL.
const CONTROL_CHARACTER = /\p{Cc}/u;

/**
 * Why `value` is not a valid id (event, user, item and model ids, categories, property keys, route
 * parameters), or undefined when it is: 1..ID_MAX_LENGTH code units of well-formed Unicode without
 * control characters. The message completes "<field> ...".
 */
export function idProblem(value: string): string | undefined {
  if (value.length === 0) return 'must not be empty';
  if (value.length > ID_MAX_LENGTH) return `must be at most ${ID_MAX_LENGTH} characters`;
  return textProblem(value) ?? (CONTROL_CHARACTER.test(value) ? CONTROL_MESSAGE : undefined);
}

/**
 * Why free text (a property value) cannot be stored, or undefined: it must be well-formed Unicode without
 * NUL. Other control characters (a newline in a description) are kept as given.
 */
export function textProblem(value: string): string | undefined {
  if (UNPAIRED_SURROGATE.test(value)) return SURROGATE_MESSAGE;
  if (value.includes('\u0000')) return 'must not contain NUL (\\u0000) characters';
  return undefined;
}

const SURROGATE_MESSAGE = 'must be well-formed Unicode (it holds an unpaired surrogate)';
const CONTROL_MESSAGE = 'must not contain control characters';
