import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import {
  CSV_PARSE_OPTIONS,
  CsvParseOutput,
  csvFailure,
  EventsCsvPositions,
  pickEventsCsvFields,
  readEventsCsvHeader,
  toCsvRecord,
} from '@recsys/datasets';
import { eventsCsvRecord, ImportRecord, jsonLineRecord, movieLensRecord } from './import-record';

/** Formats `recsys import` reads. */
export const IMPORT_FORMATS = ['events-csv', 'jsonl', 'movielens'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Counts bytes as they are read, for the progress bar. */
export interface ReadProgress {
  bytesRead: number;
}

/**
 * Streams a file's records, one at a time in file order (memory stays flat for any file size). A
 * record that cannot be an event is yielded with its problem; a broken file (an unclosed quote, a
 * missing CSV header) throws INVALID_DATASET naming the line.
 */
export async function* readImportRecords(
  path: string,
  format: ImportFormat,
  progress: ReadProgress,
): AsyncGenerator<ImportRecord> {
  const stream = createReadStream(path);
  stream.on('data', (chunk) => {
    progress.bytesRead += chunk.length;
  });
  if (format === 'events-csv') {
    yield* csvRecords(stream);
    return;
  }
  const toRecord = format === 'jsonl' ? jsonLineRecord : movieLensRecord;
  let lineNumber = 0;
  for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
    lineNumber++;
    if (line.trim() !== '') yield toRecord(line, lineNumber);
  }
}

async function* csvRecords(stream: NodeJS.ReadableStream): AsyncGenerator<ImportRecord> {
  const parser = stream.pipe(parse(CSV_PARSE_OPTIONS));
  let positions: EventsCsvPositions | undefined;
  try {
    for await (const output of parser as AsyncIterable<CsvParseOutput>) {
      const { fields, lineNumber } = toCsvRecord(output);
      if (!positions) positions = readEventsCsvHeader(fields, lineNumber);
      else yield eventsCsvRecord(pickEventsCsvFields(fields, positions), lineNumber);
    }
  } catch (error) {
    throw csvFailure('events-csv', error);
  }
  if (!positions) readEventsCsvHeader([], 1);
}
