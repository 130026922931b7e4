import type { z } from 'zod';
import { DomainError } from '@recsys/domain';

/** Parses a request part with a zod schema, or throws INVALID_REQUEST listing every bad field. */
export function parseInput<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  what: string,
): z.infer<Schema> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((issue) => ({
    field: issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue.path.join('.'),
    message: issue.code === 'unrecognized_keys' ? 'unknown field' : issue.message,
  }));
  throw new DomainError('INVALID_REQUEST', `invalid ${what}`, { errors });
}
