import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { describeEnv, parseEnv } from '@recsys/service-config';
import { apiEnvSchema } from '../../api/src/config';
import { ingestorEnvSchema } from '../../ingestor/src/config';
import { trainerEnvSchema } from '../../trainer/src/config';
import { embeddedEnvSchema } from './config';

// .env.example documents every variable of every app; these tests keep it in step with the schemas.
const ENV_EXAMPLE_PATH = join(__dirname, '..', '..', '..', '.env.example');
const APP_SCHEMAS: Record<string, z.ZodObject> = {
  api: apiEnvSchema,
  ingestor: ingestorEnvSchema,
  trainer: trainerEnvSchema,
  embedded: embeddedEnvSchema,
};

interface EnvFileEntry {
  name: string;
  value: string;
  /** The comment line right above the variable. */
  comment: string;
}

/** Reads KEY=VALUE lines; `#` lines are comments, blank lines separate groups. No quoting, no expansion. */
function readEnvFile(text: string): EnvFileEntry[] {
  const entries: EnvFileEntry[] = [];
  let comment = '';
  text.split('\n').forEach((rawLine, index) => {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) {
      comment = line.replace(/^#\s*/, '');
      return;
    }
    const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (match === null) throw new Error(`.env.example:${index + 1} is not KEY=VALUE: ${line}`);
    entries.push({ name: match[1], value: match[2], comment });
    comment = '';
  });
  return entries;
}

const entries = readEnvFile(readFileSync(ENV_EXAMPLE_PATH, 'utf8'));
const env = Object.fromEntries(entries.map((entry) => [entry.name, entry.value]));

/** The apps whose schema reads the variable. */
function readersOf(name: string): string[] {
  return Object.keys(APP_SCHEMAS).filter((app) => name in APP_SCHEMAS[app].shape);
}

/** The variable as each reading app describes it, with its default. */
function schemaViewsOf(name: string): { app: string; description: string; default: string }[] {
  return readersOf(name).map((app) => {
    const described = describeEnv(APP_SCHEMAS[app]).find((variable) => variable.name === name)!;
    const value = described.default;
    return {
      app,
      description: described.description,
      default: Array.isArray(value) ? value.join(',') : String(value),
    };
  });
}

describe('.env.example', () => {
  it('lists each variable once', () => {
    const names = entries.map((entry) => entry.name);
    expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
  });

  it('lists every variable of every app schema and no unknown ones', () => {
    const schemaNames = new Set(Object.values(APP_SCHEMAS).flatMap((s) => Object.keys(s.shape)));
    expect(Object.keys(env).sort()).toEqual([...schemaNames].sort());
  });

  it.each(Object.keys(APP_SCHEMAS))('gives %s exactly its defaults', (app) => {
    const schema = APP_SCHEMAS[app];
    expect(parseEnv(schema, env)).toEqual(parseEnv(schema, {}));
  });

  it('writes each default as the value, or leaves it empty and names each default when apps differ', () => {
    const wrong = entries.filter((entry) => {
      const defaults = schemaViewsOf(entry.name);
      const distinct = new Set(defaults.map((view) => view.default));
      if (distinct.size === 1) return entry.value !== [...distinct][0];
      return (
        entry.value !== '' ||
        !defaults.every((view) => entry.comment.includes(`${view.app} ${view.default}`))
      );
    });
    expect(wrong).toEqual([]);
  });

  it('puts a description of each variable in the comment line above it', () => {
    const undescribed = entries.filter(
      (entry) =>
        entry.comment === '' ||
        !schemaViewsOf(entry.name).some((view) => entry.comment.includes(view.description)),
    );
    expect(undescribed).toEqual([]);
  });

  it('groups the variables under headings that name the apps reading them', () => {
    const text = readFileSync(ENV_EXAMPLE_PATH, 'utf8');
    const unlisted = entries.filter((entry) => {
      const before = text.slice(0, text.indexOf(`\n${entry.name}=`));
      const heading = /# ---- .* \(read by ([a-z, ]+)\) ----/g;
      const last = [...before.matchAll(heading)].at(-1);
      const listed = last === undefined ? [] : last[1].split(', ');
      return !readersOf(entry.name).every((app) => listed.includes(app));
    });
    expect(unlisted).toEqual([]);
  });
});
