import type { Options } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { DomainError } from '@recsys/domain';
import { datasetError } from './dataset-error';

/** One CSV record: its fields (trimmed) and the 1-based line it starts on. */
export interface CsvRecord {
  fields: string[];
  lineNumber: number;
}

/**
 * csv-parse settings shared by the in-memory parser and streaming readers (the CLI's import): RFC 4180
 * quoting (a quoted field may hold commas, `""` and line breaks), blank lines skipped, a missing field
 * read as empty so the row's own check names it.
 */
export const CSV_PARSE_OPTIONS = {
  bom: true,
  trim: true,
  skip_empty_lines: true,
  skip_records_with_empty_values: true,
  relax_column_count: true,
  info: true,
  raw: true,
} as const satisfies Options;

/** What csv-parse emits with CSV_PARSE_OPTIONS. */
export interface CsvParseOutput {
  record: string[];
  raw: string;
  info: { lines: number };
}

/** Turns a csv-parse output into a record numbered by the line it starts on. */
export function toCsvRecord(output: CsvParseOutput): CsvRecord {
  // `lines` is the line the record ends on; a quoted line break moves the start up.
  const body = output.raw.replace(/\r?\n$/, '');
  const breaks = body.split('\n').length - 1;
  return { fields: output.record, lineNumber: output.info.lines - breaks };
}

/** A csv-parse error (unclosed quote, stray quote) as INVALID_DATASET naming the line; others pass. */
export function csvFailure(format: string, error: unknown): unknown {
  // The sync and stream entry points bundle separate CsvError classes, so no instanceof.
  const lines = (error as { lines?: unknown }).lines;
  if (!(error instanceof Error) || error.constructor.name !== 'CsvError') return error;
  const line = typeof lines === 'number' ? lines : 0;
  return datasetError(format, line, error.message);
}

/** Every record of a CSV text; throws INVALID_DATASET with the line of malformed quoting. */
export function readCsvRecords(text: string, format: string): CsvRecord[] {
  try {
    const outputs = parse(text, CSV_PARSE_OPTIONS) as unknown as CsvParseOutput[];
    return outputs.map(toCsvRecord);
  } catch (error) {
    const failure = csvFailure(format, error);
    if (failure instanceof DomainError) throw failure;
    throw error;
  }
}
