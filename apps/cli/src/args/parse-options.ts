import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DomainError } from '@recsys/domain';
import { OptionSpec, OptionSpecs, OptionValues } from './option-spec';

/** Error code of every command-line mistake (the CLI exits with status 2 on it). */
export const INVALID_ARGUMENT = 'INVALID_ARGUMENT';

function invalid(option: string, problem: string): DomainError {
  return new DomainError(INVALID_ARGUMENT, `--${option} ${problem}`, { option });
}

type Token = NonNullable<ReturnType<typeof parseArgs>['tokens']>[number];

/**
 * Parses `--name value`, `--name=value` and `--flag` against `specs` with `util.parseArgs`. Throws
 * INVALID_ARGUMENT naming the option for an unknown option, an option given twice, a missing value, a
 * value of the wrong kind or range, a choice outside its list and a missing required option.
 */
export function parseOptions(args: readonly string[], specs: OptionSpecs): OptionValues {
  // Non-strict with tokens: parseArgs does the splitting, the checks below word every error the
  // same way and catch what strict mode lets through (a repeated option silently keeps the last value).
  const { tokens } = parseArgs({
    args: [...args],
    options: parseArgsOptions(specs),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const values: OptionValues = {};
  for (const token of tokens) {
    const [name, value] = readToken(token, specs);
    if (values[name] !== undefined) throw invalid(name, 'is given more than once');
    values[name] = value;
  }
  for (const [name, spec] of Object.entries(specs)) {
    if ('required' in spec && spec.required && values[name] === undefined) {
      throw invalid(name, 'is required');
    }
  }
  return values;
}

function parseArgsOptions(specs: OptionSpecs): NonNullable<ParseArgsConfig['options']> {
  return Object.fromEntries(
    Object.entries(specs).map(([name, spec]) => [
      name,
      { type: spec.kind === 'flag' ? ('boolean' as const) : ('string' as const) },
    ]),
  );
}

function readToken(token: Token, specs: OptionSpecs): [string, string | number | boolean] {
  if (token.kind === 'positional') {
    throw new DomainError(INVALID_ARGUMENT, `unexpected argument "${token.value}"`, {
      argument: token.value,
    });
  }
  if (token.kind === 'option-terminator') {
    throw new DomainError(INVALID_ARGUMENT, 'unexpected argument "--"', { argument: '--' });
  }
  const { name, value, inlineValue } = token;
  const spec = Object.hasOwn(specs, name) ? specs[name] : undefined;
  if (!spec || !token.rawName.startsWith('--')) {
    throw invalid(name, `is not an option (see --help)`);
  }
  if (spec.kind === 'flag') {
    if (inlineValue) throw invalid(name, 'takes no value');
    return [name, true];
  }
  // A following `--other` is the next option, not this one's value; `--lr -0.5` stays a value.
  if (value === undefined || (!inlineValue && value.startsWith('--'))) {
    throw invalid(name, 'needs a value');
  }
  return [name, readValue(name, value, spec)];
}

function readValue(name: string, raw: string, spec: OptionSpec): string | number {
  if (spec.kind === 'choice') {
    if (!spec.choices.includes(raw)) {
      throw invalid(name, `must be one of ${spec.choices.join(', ')}; got "${raw}"`);
    }
    return raw;
  }
  if (spec.kind === 'string') return checked(name, raw, spec.check);
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
  return checked(name, value, spec.check);
}

function checked<Value>(
  name: string,
  value: Value,
  check: ((value: Value) => string | undefined) | undefined,
): Value {
  const problem = check?.(value);
  if (problem !== undefined) throw new DomainError(INVALID_ARGUMENT, problem, { option: name });
  return value;
}
