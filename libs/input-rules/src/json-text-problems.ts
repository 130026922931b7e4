import type { FieldError } from './field-error';
import { formatFieldPath } from './field-error';
import { idProblem, textProblem } from './text-rules';

/** Bounds of free-form JSON (catalogue item properties). */
export interface JsonTextLimits {
  /** Deepest nesting accepted: 1 for a flat object. */
  maxDepth: number;
  /** Problems listed at most; the rest are summed up in one last error. */
  maxErrors: number;
}

/**
 * Every reason a parsed JSON value cannot be stored as given: object keys must be valid ids (idProblem),
 * strings valid text (textProblem: PostgreSQL's jsonb refuses NUL and unpaired surrogates), nesting at
 * most `maxDepth`. Iterative, so a hostile nesting depth cannot overflow the stack. Fields start at `path`.
 */
export function jsonTextProblems(
  value: unknown,
  path: readonly PropertyKey[],
  limits: JsonTextLimits,
): FieldError[] {
  const errors: FieldError[] = [];
  let skipped = 0;
  const report = (at: readonly PropertyKey[], message: string) => {
    if (errors.length < limits.maxErrors) errors.push({ field: formatFieldPath(at), message });
    else skipped++;
  };
  const pending: { value: unknown; path: readonly PropertyKey[]; depth: number }[] = [
    { value, path, depth: 0 },
  ];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value: current, path: at, depth } = next;
    if (typeof current === 'string') {
      const problem = textProblem(current);
      if (problem !== undefined) report(at, `must be valid text: ${problem}`);
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth >= limits.maxDepth) {
      report(at, `must not nest deeper than ${limits.maxDepth} levels`);
      continue;
    }
    const entries: [PropertyKey, unknown][] = Array.isArray(current)
      ? current.map((element, index) => [index, element])
      : Object.entries(current);
    for (const [key] of entries) {
      const keyProblem = typeof key === 'string' ? idProblem(key) : undefined;
      if (keyProblem !== undefined) report([...at, key], `key ${keyProblem}`);
    }
    // Reversed onto the stack, so values are visited in document order.
    for (const [key, element] of entries.reverse()) {
      pending.push({ value: element, path: [...at, key], depth: depth + 1 });
    }
  }
  if (skipped > 0)
    errors.push({ field: formatFieldPath(path), message: `${skipped} more problems` });
  return errors;
}
