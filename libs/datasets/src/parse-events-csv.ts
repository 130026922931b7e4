import { DEFAULT_INTERACTION_SIGNALS, classifyInteraction } from '@recsys/triplets';
import { INTERACTION_TYPES, InteractionType } from '@recsys/interaction-events';
import { datasetError } from './dataset-error';
import { InteractionTable, Signal } from './interaction-table';
import { forEachLine } from './lines-of';
import { splitCsvLine } from './split-csv-line';
import { IdIndices, ParsedRow, TableBuilder } from './table-builder';

const COLUMNS = ['userId', 'itemId', 'type', 'value', 'timestamp'] as const;
type Column = (typeof COLUMNS)[number];
type ColumnPositions = Record<Column, number>;

/**
 * Parses our events CSV: header `userId,itemId,type,value,timestamp` (any column order), one event per
 * line; `type` is an interaction type of schema v1, `value` the rating (may be empty), `timestamp`
 * ISO-8601 or epoch milliseconds (may be empty). Liked / unliked / neutral and the weights follow the
 * ingestor's rules (`classifyInteraction`); for an impression, `itemId` is the chosen item.
 */
export function parseEventsCsv(text: string, indices?: IdIndices): InteractionTable {
  const builder = new TableBuilder(indices);
  let columns: ColumnPositions | undefined;
  forEachLine(text, (line, lineNumber) => {
    const fields = splitCsvLine(line);
    if (columns) builder.add(readEventRow(fields, columns, lineNumber));
    else columns = readHeader(fields, lineNumber);
  });
  if (!columns) throw datasetError('events-csv', 1, `missing header ${COLUMNS.join(',')}`);
  return builder.build();
}

function readEventRow(fields: string[], columns: ColumnPositions, lineNumber: number): ParsedRow {
  const field = (name: Column): string => (fields[columns[name]] ?? '').trim();
  const [userId, itemId, type] = [field('userId'), field('itemId'), field('type')];
  if (!userId || !itemId) throw datasetError('events-csv', lineNumber, 'empty userId or itemId');
  if (!(INTERACTION_TYPES as readonly string[]).includes(type)) {
    throw datasetError('events-csv', lineNumber, `unknown type "${type}"`);
  }
  const value = field('value') === '' ? undefined : Number(field('value'));
  if (value !== undefined && !Number.isFinite(value)) {
    throw datasetError('events-csv', lineNumber, `value "${field('value')}" is not a number`);
  }
  const timestampMs = parseTimestamp(field('timestamp'), lineNumber);
  const event = { eventId: String(lineNumber), userId, itemId, type: type as InteractionType };
  const classified = classifyInteraction(
    { ...event, value, timestamp: '' },
    DEFAULT_INTERACTION_SIGNALS,
  );
  const signal: Signal = classified.polarity;
  return { userId, itemId, signal, weight: classified.weight, timestampMs, rating: value ?? NaN };
}

function readHeader(fields: string[], lineNumber: number): ColumnPositions {
  const names = fields.map((name) => name.trim());
  const missing = COLUMNS.filter((column) => !names.includes(column));
  if (missing.length > 0) {
    throw datasetError('events-csv', lineNumber, `header lacks column(s) ${missing.join(', ')}`);
  }
  return Object.fromEntries(COLUMNS.map((c) => [c, names.indexOf(c)])) as ColumnPositions;
}

function parseTimestamp(text: string, lineNumber: number): number {
  if (text === '') return NaN;
  const millis = /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : Date.parse(text);
  if (!Number.isFinite(millis)) {
    throw datasetError('events-csv', lineNumber, `timestamp "${text}" is neither ISO-8601 nor ms`);
  }
  return millis;
}
