import type { z } from 'zod';
import { describeEnv } from './describe-env';

/** A Markdown table of a schema's variables (name, default, description), for the README. */
export function renderEnvTable(schema: z.ZodObject): string {
  const rows = describeEnv(schema).map(
    ({ name, description, default: value }) =>
      `| \`${name}\` | ${formatDefault(value)} | ${description} |`,
  );
  return ['| variable | default | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}

function formatDefault(value: unknown): string {
  if (value === undefined) return '(required)';
  const text = Array.isArray(value) ? value.join(',') : JSON.stringify(value).replace(/^"|"$/g, '');
  return `\`${text}\``;
}
