import { DEFAULT_INTERACTION_SIGNALS, classifyInteraction } from '@recsys/triplets';
import { INTERACTION_TYPES, InteractionType } from '@recsys/interaction-events';
import { readCsvRecords } from './csv-records';
import { datasetError } from './dataset-error';
import {
  EVENTS_CSV_COLUMNS,
  EventsCsvPositions,
  pickEventsCsvFields,
  readEventsCsvHeader,
} from './events-csv-columns';
import { InteractionTable, Signal } from './interaction-table';
import { IdIndices, ParsedRow, TableBuilder } from './table-builder';

/**
 * Parses our events CSV: header `userId,itemId,type,value,timestamp` (any column order), one event per
 * record (RFC 4180 quoting, so a quoted field may hold commas and line breaks); `type` is an interaction
 * type of schema v1, `value` the rating (may be empty), `timestamp` ISO-8601 or epoch milliseconds (may
 * be empty). Liked / unliked / neutral and the weights follow the ingestor's rules
 * (`classifyInteraction`); for an impression, `itemId` is the chosen item.
 */
export function parseEventsCsv(text: string, indices?: IdIndices): InteractionTable {
  const builder = new TableBuilder(indices);
  const [header, ...rows] = readCsvRecords(text, 'events-csv');
  if (!header)
    throw datasetError('events-csv', 1, `missing header ${EVENTS_CSV_COLUMNS.join(',')}`);
  const positions = readEventsCsvHeader(header.fields, header.lineNumber);
  for (const row of rows) builder.add(readEventRow(row.fields, positions, row.lineNumber));
  return builder.build();
}

function readEventRow(
  fields: string[],
  positions: EventsCsvPositions,
  lineNumber: number,
): ParsedRow {
  const {
    userId,
    itemId,
    type,
    value: valueText,
    timestamp,
  } = pickEventsCsvFields(fields, positions);
  if (!userId || !itemId) throw datasetError('events-csv', lineNumber, 'empty userId or itemId');
  if (!(INTERACTION_TYPES as readonly string[]).includes(type)) {
    throw datasetError('events-csv', lineNumber, `unknown type "${type}"`);
  }
  const value = valueText === '' ? undefined : Number(valueText);
  if (value !== undefined && !Number.isFinite(value)) {
    throw datasetError('events-csv', lineNumber, `value "${valueText}" is not a number`);
  }
  const timestampMs = parseTimestamp(timestamp, lineNumber);
  const event = { eventId: String(lineNumber), userId, itemId, type: type as InteractionType };
  const classified = classifyInteraction(
    { ...event, value, timestamp: '' },
    DEFAULT_INTERACTION_SIGNALS,
  );
  const signal: Signal = classified.polarity;
  return { userId, itemId, signal, weight: classified.weight, timestampMs, rating: value ?? NaN };
}

function parseTimestamp(text: string, lineNumber: number): number {
  if (text === '') return NaN;
  const millis = /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : Date.parse(text);
  if (!Number.isFinite(millis)) {
    throw datasetError('events-csv', lineNumber, `timestamp "${text}" is neither ISO-8601 nor ms`);
  }
  return millis;
}
