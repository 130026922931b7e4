import { appendFileSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { renderEnvTable } from '@recsys/service-config';
import { apiEnvSchema } from '../../api/src/config';
import { ingestorEnvSchema } from '../../ingestor/src/config';
import { trainerEnvSchema } from '../../trainer/src/config';
import { embeddedEnvSchema } from './config';

// docs/CONFIGURATION.md's tables are generated from the config schemas; this keeps them in step.
// To refresh them: RECSYS_WRITE_CONFIG_TABLES=/tmp/tables.md npx jest apps/embedded/src/configuration-doc --selectProjects unit
// and paste the blocks from that file into docs/CONFIGURATION.md.
const schemas = {
  embedded: embeddedEnvSchema,
  api: apiEnvSchema,
  ingestor: ingestorEnvSchema,
  trainer: trainerEnvSchema,
};

describe('docs/CONFIGURATION.md tables', () => {
  const readme = readFileSync(path.resolve(__dirname, '../../../docs/CONFIGURATION.md'), 'utf8');

  it.each(Object.entries(schemas))(
    'documents every variable of the %s app with its default',
    (app, schema) => {
      const table = renderEnvTable(schema);
      const out = process.env.RECSYS_WRITE_CONFIG_TABLES;
      if (out)
        appendFileSync(
          out,
          `<!-- config:${app} -->
${table}
<!-- /config:${app} -->

`,
        );
      const block = new RegExp(
        `<!-- config:${app} -->\\n([\\s\\S]*?)\\n<!-- /config:${app} -->`,
      ).exec(readme);
      expect(normalizeTable(block?.[1] ?? '')).toBe(normalizeTable(table));
    },
  );
});

// Prettier pads Markdown tables; compare cell contents only.
function normalizeTable(markdown: string): string {
  return markdown
    .trim()
    .split('\n')
    .map((line) =>
      line
        .split('|')
        .map((cell) => cell.trim().replace(/^-+$/, '---'))
        .join('|'),
    )
    .join('\n');
}
