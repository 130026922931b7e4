import { DomainError } from '@recsys/domain';

type OptionValues = Record<string, number | string>;

/**
 * Parses `--name value` pairs over `defaults`: a name must exist there, and takes a number where the
 * default is a number. Throws INVALID_ARGUMENT with `usage` for anything else.
 */
export function parseBenchOptions<T extends OptionValues>(
  argv: readonly string[],
  defaults: T,
  usage: string,
): T {
  const options: OptionValues = { ...defaults };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i].replace(/^--/, '');
    const value = argv[i + 1];
    const known = argv[i].startsWith('--') && Object.hasOwn(defaults, name) && value !== undefined;
    if (!known) throw invalidOption(argv[i], value, usage);
    if (typeof defaults[name] === 'number') {
      const number = Number(value);
      if (value.trim() === '' || !Number.isFinite(number))
        throw invalidOption(argv[i], value, usage);
      options[name] = number;
    } else {
      options[name] = value;
    }
  }
  return options as T;
}

function invalidOption(name: string, value: string | undefined, usage: string): DomainError {
  return new DomainError('INVALID_ARGUMENT', `bad option ${name} ${value ?? ''}`.trim(), { usage });
}
