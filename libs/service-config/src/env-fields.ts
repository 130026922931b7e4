import { z } from 'zod';

/** An integer variable within bounds, with a default. */
export function intVar(options: {
  default: number;
  min?: number;
  max?: number;
  description: string;
}) {
  return z.coerce
    .number({ error: 'must be a number' })
    .int({ error: 'must be an integer' })
    .min(options.min ?? Number.MIN_SAFE_INTEGER, { error: `must be >= ${options.min}` })
    .max(options.max ?? Number.MAX_SAFE_INTEGER, { error: `must be <= ${options.max}` })
    .default(options.default)
    .describe(options.description);
}

/** A real-number variable within bounds, with a default. */
export function numberVar(options: {
  default: number;
  min?: number;
  max?: number;
  description: string;
}) {
  return z.coerce
    .number({ error: 'must be a number' })
    .min(options.min ?? -Infinity, { error: `must be >= ${options.min}` })
    .max(options.max ?? Infinity, { error: `must be <= ${options.max}` })
    .default(options.default)
    .describe(options.description);
}

/** A boolean variable: true/false/1/0/yes/no. */
export function boolVar(options: { default: boolean; description: string }) {
  return z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
    .default(options.default ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes')
    .describe(options.description);
}

/** A string variable with a default. */
export function stringVar(options: { default: string; description: string }) {
  return z.string().min(1).default(options.default).describe(options.description);
}

/** A comma-separated list, e.g. KAFKA_BROKERS=host1:9092,host2:9092 (empty only with `allowEmpty`). */
export function listVar(options: { default: string; description: string; allowEmpty?: boolean }) {
  return z
    .string()
    .default(options.default)
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0),
    )
    .pipe(
      z
        .array(z.string())
        .min(options.allowEmpty ? 0 : 1, { error: 'must list at least one value' }),
    )
    .describe(options.description);
}

/** A URL with one of the given schemes. */
export function urlVar(options: { default: string; schemes: string[]; description: string }) {
  return z
    .string()
    .default(options.default)
    .refine((v) => options.schemes.some((s) => v.startsWith(`${s}://`)), {
      error: `must be a URL starting with ${options.schemes.map((s) => `${s}://`).join(' or ')}`,
    })
    .describe(options.description);
}
