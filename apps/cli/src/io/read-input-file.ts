import { readFile } from 'node:fs/promises';
import { DatasetFormat, IdIndices, InteractionTable, parseDataset } from '@recsys/datasets';
import { DomainError } from '@recsys/domain';
import { INVALID_ARGUMENT } from '../args/parse-options';

/** Reads a text file named by a command-line option; a missing or unreadable file names the option. */
export async function readInputFile(path: string, option: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : String(code);
    throw new DomainError(INVALID_ARGUMENT, `--${option} ${path}: ${problem}`, { option, path });
  }
}

/** Reads and parses a data file named by `--option`; parse errors name the option and the file. */
export async function readDatasetFile(
  file: { path: string; option: string; format: DatasetFormat },
  indices?: IdIndices,
): Promise<InteractionTable> {
  const text = await readInputFile(file.path, file.option);
  try {
    return parseDataset(text, file.format, indices);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const message = `--${file.option} ${file.path}: ${error.message}`;
    throw new DomainError(error.code, message, error.details);
  }
}
