import { DomainError } from '@recsys/domain';
import { INVALID_ARGUMENT } from './parse-options';

/** Checks a URL option's scheme before any connection is tried; returns the URL. */
export function urlOption(value: string, option: string, schemes: readonly string[]): string {
  let protocol: string;
  try {
    protocol = new URL(value).protocol.replace(/:$/, '');
  } catch {
    throw new DomainError(INVALID_ARGUMENT, `--${option} "${value}" is not a URL`, { option });
  }
  if (!schemes.includes(protocol)) {
    const expected = schemes.map((s) => `${s}://`).join(' or ');
    throw new DomainError(INVALID_ARGUMENT, `--${option} must start with ${expected}; got "${value}"`, { option }); // prettier-ignore
  }
  return value;
}
