import { access, constants, mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DomainError } from '@recsys/domain';
import { INVALID_ARGUMENT } from '../args/parse-options';

function unusable(option: string, path: string, problem: string): DomainError {
  return new DomainError(INVALID_ARGUMENT, `--${option} ${path}: ${problem}`, { option, path });
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'not writable';
  if (code === 'ENOTDIR' || code === 'EEXIST') return 'a file is in the way';
  if (code === 'ENOENT') return 'its directory does not exist';
  return String(code ?? error);
}

/**
 * Creates the output directory named by `--option` (and its parents) and checks it is writable, so a
 * bad path fails in a second, before minutes of work, with a message instead of a stack trace.
 */
export async function prepareOutputDirectory(path: string, option: string): Promise<void> {
  try {
    await mkdir(path, { recursive: true });
    if (!(await stat(path)).isDirectory()) throw unusable(option, path, 'is not a directory');
    await access(path, constants.W_OK);
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw unusable(option, path, describe(error));
  }
}

/** Checks that the output file named by `--option` can be created or replaced. */
export async function checkOutputFile(path: string, option: string): Promise<void> {
  const existing = await stat(path).catch(() => undefined);
  if (existing?.isDirectory()) throw unusable(option, path, 'is a directory');
  try {
    await access(existing ? path : dirname(path), constants.W_OK);
    if (!existing && !(await stat(dirname(path))).isDirectory()) {
      throw unusable(option, path, 'its directory is a file');
    }
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw unusable(option, path, describe(error));
  }
}
