import {
  ENGINE_OPTION_FIELDS,
  engineOptionSchema,
  parseNegativeMixText,
  type EngineOptionField,
} from '@recsys/domain';
import type { OptionSpec, OptionSpecs } from '../args/option-spec';

/**
 * The engine's options as `recsys train` reads them, derived from the one table the training job and the
 * trainer's environment read too (ENGINE_OPTION_FIELDS): same names, same bounds, checked by the same
 * schema (its messages name the option as `--lr`).
 */
export const ENGINE_FIELD_SPECS: OptionSpecs = Object.fromEntries(
  Object.values(ENGINE_OPTION_FIELDS).map((field) => [field.cli, specOf(field)]),
);

function specOf(field: EngineOptionField): OptionSpec {
  const schema = engineOptionSchema(`--${field.cli}`, field);
  const description = `${field.description}${defaultText(field)}`;
  if (field.kind === 'choice') return { kind: 'choice', choices: field.choices, description };
  if (field.kind === 'mix') {
    return {
      kind: 'string',
      placeholder: 'uniform=1,hardest=1',
      description,
      check: (text) => {
        const parsed = parseNegativeMixText(text);
        if ('problem' in parsed) return `--${field.cli} ${parsed.problem}`;
        return problemOf(schema.safeParse(parsed.mix));
      },
    };
  }
  return {
    kind: 'number',
    integer: field.kind === 'integer',
    min: field.min,
    max: field.max,
    description,
    check: (value) => problemOf(schema.safeParse(value)),
  };
}

function problemOf(result: { success: boolean; error?: { issues: { message: string }[] } }) {
  if (result.success) return undefined;
  return result.error?.issues.map((issue) => issue.message).join('; ');
}

function defaultText(field: EngineOptionField): string {
  if (field.engineDefault === 'catalogue') return ' (default: by catalogue size)';
  if (field.engineDefault === 'catalogue-density')
    return ' (default: by catalogue size and liked pairs per item)';
  if (field.engineDefault === 'cores') return ' (default: all cores)';
  return ` (default ${field.engineDefault})`;
}
