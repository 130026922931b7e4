import type { z } from 'zod';
import { DomainError } from '@recsys/domain';
import { fieldErrorsOf } from '@recsys/input-rules';

/** Parses a request part with a zod schema, or throws INVALID_REQUEST listing every bad field. */
export function parseInput<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  what: string,
): z.infer<Schema> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new DomainError('INVALID_REQUEST', `invalid ${what}`, {
    errors: fieldErrorsOf(parsed.error),
  });
}
