import { DomainError } from '@recsys/domain';
import { OptionSpec, OptionSpecs, OptionValues } from './option-spec';

/** Error code of every command-line mistake (the CLI exits with status 2 on it). */
export const INVALID_ARGUMENT = 'INVALID_ARGUMENT';

function invalid(option: string, problem: string): DomainError {
  return new DomainError(INVALID_ARGUMENT, `--${option} ${problem}`, { option });
}

/**
 * Parses `--name value`, `--name=value` and `--flag` against `specs`. Throws INVALID_ARGUMENT naming
 * the option for an unknown option, a missing value, a value of the wrong kind or range, a choice
 * outside its list and a missing required option.
 */
export function parseOptions(args: readonly string[], specs: OptionSpecs): OptionValues {
  const values: OptionValues = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) {
      throw new DomainError(INVALID_ARGUMENT, `unexpected argument "${arg}"`, { argument: arg });
    }
    const [name, inlineValue] = splitInline(arg.slice(2));
    const spec = specs[name];
    if (!spec) throw invalid(name, `is not an option (see --help)`);
    if (spec.kind === 'flag') {
      if (inlineValue !== undefined) throw invalid(name, 'takes no value');
      values[name] = true;
      continue;
    }
    const raw = inlineValue ?? args[++i];
    if (raw === undefined || (inlineValue === undefined && raw.startsWith('--'))) {
      throw invalid(name, 'needs a value');
    }
    values[name] = readValue(name, raw, spec);
  }
  for (const [name, spec] of Object.entries(specs)) {
    if ('required' in spec && spec.required && values[name] === undefined) {
      throw invalid(name, 'is required');
    }
  }
  return values;
}

function splitInline(body: string): [string, string | undefined] {
  const equals = body.indexOf('=');
  return equals < 0 ? [body, undefined] : [body.slice(0, equals), body.slice(equals + 1)];
}

function readValue(name: string, raw: string, spec: OptionSpec): string | number {
  if (spec.kind === 'choice') {
    if (!spec.choices.includes(raw)) {
      throw invalid(name, `must be one of ${spec.choices.join(', ')}; got "${raw}"`);
    }
    return raw;
  }
  if (spec.kind !== 'number') return raw;
  const value = raw.trim() === '' ? NaN : Number(raw);
  const kind = spec.integer ? 'an integer' : 'a number';
  if (!Number.isFinite(value) || (spec.integer && !Number.isInteger(value))) {
    throw invalid(name, `must be ${kind}; got "${raw}"`);
  }
  if (
    (spec.min !== undefined && value < spec.min) ||
    (spec.max !== undefined && value > spec.max)
  ) {
    const range = `${spec.min ?? '-inf'}..${spec.max ?? 'inf'}`;
    throw invalid(name, `must be ${kind} in ${range}; got "${raw}"`);
  }
  return value;
}
