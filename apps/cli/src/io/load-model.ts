import { DatasetFormat } from '@recsys/datasets';
import { DomainError } from '@recsys/domain';
import { INVALID_ARGUMENT } from '../args/parse-options';
import {
  modelIndices,
  trainingInteractions,
  TrainingInteractions,
} from '../training/training-interactions';
import { ModelExport, readModelExport } from './model-export';
import { readDatasetFile } from './read-input-file';

/** Reads the export named by `--model`; its problems name the option. */
export async function readModelOption(path: string): Promise<ModelExport> {
  return readModelExport(path).catch((error: unknown) => {
    if (!(error instanceof DomainError)) throw error;
    throw new DomainError(error.code, `--model ${error.message}`, { option: 'model' });
  });
}

/** Where a command takes a model's training interactions from. */
export interface InteractionsSource {
  /** The training file (`--input`), read in the model's rows; wins over the export's own files. */
  input?: { path: string; format: DatasetFormat };
}

/**
 * The model's training interactions: from `--input` when given, else from the export (written by
 * `recsys train` since the export carried them); undefined when neither has them.
 */
export async function loadTrainingInteractions(
  exported: ModelExport,
  source: InteractionsSource,
): Promise<TrainingInteractions | undefined> {
  if (!source.input) return exported.interactions;
  const table = await readDatasetFile(
    { path: source.input.path, option: 'input', format: source.input.format },
    modelIndices(exported),
  );
  return trainingInteractions(table, {
    userCount: exported.userIds.length,
    itemCount: exported.itemIds.length,
  });
}

/** `--input` and `--format` go together. */
export function inputOption(values: Record<string, unknown>): InteractionsSource {
  const [path, format] = [values.input, values.format];
  if ((path === undefined) !== (format === undefined)) {
    const missing = path === undefined ? 'input' : 'format';
    throw new DomainError(INVALID_ARGUMENT, `--${missing} is required with --${missing === 'input' ? 'format' : 'input'}`, { option: missing }); // prettier-ignore
  }
  return path === undefined
    ? {}
    : { input: { path: path as string, format: format as DatasetFormat } };
}
