import { z } from 'zod';
import {
  ENGINE_OPTION_FIELDS,
  engineOptionSchema,
  parseNegativeMixText,
  type EngineOptionField,
  type EngineOptions,
} from '@recsys/domain';

/** The value of an engine variable: the text `auto` (the engine's default; all cores for threads) or a value. */
export type EngineEnvValue = number | string | Record<string, number>;

type EngineEnvName = (typeof ENGINE_OPTION_FIELDS)[keyof typeof ENGINE_OPTION_FIELDS]['env'];
type EngineEnv = { [K in EngineEnvName]: ReturnType<typeof engineVar> };

/**
 * One TRAIN_* variable per engine option (ENGINE_OPTION_FIELDS: the same names and bounds as a training
 * job's parameters and `recsys train`'s options), each `auto` by default: the trainer then resolves it
 * exactly as `recsys train` does, from the engine's defaults for the catalogue.
 */
export const engineEnv = Object.fromEntries(
  Object.values(ENGINE_OPTION_FIELDS).map((field) => [field.env, engineVar(field)]),
) as EngineEnv;

function engineVar(field: EngineOptionField) {
  const schema = engineOptionSchema('', field);
  return z
    .string()
    .default('auto')
    .transform((text, context): EngineEnvValue => {
      if (text.trim() === 'auto') return 'auto';
      const value = fromText(field, text, context);
      const parsed = schema.safeParse(value);
      if (parsed.success) return parsed.data as EngineEnvValue;
      for (const issue of parsed.error.issues) {
        context.addIssue({ code: 'custom', message: issue.message.trim() });
      }
      return z.NEVER;
    })
    .describe(`${field.description}; auto = ${autoText(field)}`);
}

function fromText(field: EngineOptionField, text: string, context: z.RefinementCtx): unknown {
  if (field.kind === 'choice') return text.trim();
  if (field.kind !== 'mix') return text.trim() === '' ? NaN : Number(text);
  const parsed = parseNegativeMixText(text);
  if ('mix' in parsed) return parsed.mix;
  context.addIssue({ code: 'custom', message: parsed.problem });
  return z.NEVER;
}

function autoText(field: EngineOptionField): string {
  if (field.engineDefault === 'catalogue') return "the engine's default for the catalogue size";
  if (field.engineDefault === 'catalogue-density')
    return "the engine's default for the catalogue (its size and its liked pairs per item)";
  if (field.engineDefault === 'cores') return 'all cores';
  return `the engine's default (${field.engineDefault})`;
}

/**
 * The engine options the environment sets, by engine name; `auto` ones are left out so the engine picks
 * them, except threads, whose `auto` is `cpuCount` (as in `recsys train`).
 */
export function engineOptionsFromEnv(
  config: Readonly<Record<string, unknown>>,
  cpuCount: number,
): EngineOptions {
  const options: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(ENGINE_OPTION_FIELDS)) {
    const value = config[field.env];
    if (value !== 'auto' && value !== undefined) options[key] = value;
  }
  options.threads ??= cpuCount;
  return options;
}
