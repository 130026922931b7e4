import { DomainError } from '@recsys/domain';
import { InteractionTable } from './interaction-table';
import { parseEventsCsv } from './parse-events-csv';
import { parseLightGcn } from './parse-lightgcn';
import { parseMovieLens } from './parse-movielens';
import { IdIndices } from './table-builder';

/** Input formats the parsers understand. */
export const DATASET_FORMATS = ['movielens', 'lightgcn', 'events-csv'] as const;
export type DatasetFormat = (typeof DATASET_FORMATS)[number];

/** True when `name` is one of DATASET_FORMATS. */
export function isDatasetFormat(name: string): name is DatasetFormat {
  return (DATASET_FORMATS as readonly string[]).includes(name);
}

/**
 * Parses `text` in `format`. Pass the `indices` of an earlier file (or of a model's id lists) to give
 * the same ids the same indices: that is how a given train/test pair of files is aligned.
 */
export function parseDataset(
  text: string,
  format: DatasetFormat,
  indices?: IdIndices,
): InteractionTable {
  switch (format) {
    case 'movielens':
      return parseMovieLens(text, indices);
    case 'lightgcn':
      return parseLightGcn(text, indices);
    case 'events-csv':
      return parseEventsCsv(text, indices);
    default:
      throw new DomainError('INVALID_FORMAT', `unknown format ${String(format)}`);
  }
}
