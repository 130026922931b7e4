import type { z } from 'zod';

/** The variables a schema reads, with their descriptions and defaults (for docs and --help). */
export function describeEnv(
  schema: z.ZodObject,
): { name: string; description: string; default: unknown }[] {
  return Object.entries(schema.shape).map(([name, field]) => {
    const type = field as z.ZodType;
    const parsedDefault = type.safeParse(undefined);
    return {
      name,
      description: type.description ?? '',
      default: parsedDefault.success ? parsedDefault.data : undefined,
    };
  });
}
