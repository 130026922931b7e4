import { datasetError } from './dataset-error';

/** Columns of the events CSV header, in any order. */
export const EVENTS_CSV_COLUMNS = ['userId', 'itemId', 'type', 'value', 'timestamp'] as const;

export type EventsCsvColumn = (typeof EVENTS_CSV_COLUMNS)[number];

/** Position of each column in a row. */
export type EventsCsvPositions = Record<EventsCsvColumn, number>;

/** The raw (trimmed) fields of one events CSV row, by column; missing fields are empty. */
export type EventsCsvFields = Record<EventsCsvColumn, string>;

/** Reads the header row; throws INVALID_DATASET naming the missing columns. */
export function readEventsCsvHeader(fields: string[], lineNumber: number): EventsCsvPositions {
  const names = fields.map((name) => name.trim());
  const missing = EVENTS_CSV_COLUMNS.filter((column) => !names.includes(column));
  if (missing.length > 0) {
    throw datasetError('events-csv', lineNumber, `header lacks column(s) ${missing.join(', ')}`);
  }
  return Object.fromEntries(
    EVENTS_CSV_COLUMNS.map((c) => [c, names.indexOf(c)]),
  ) as EventsCsvPositions;
}

/** Picks a row's fields by column. */
export function pickEventsCsvFields(
  fields: string[],
  positions: EventsCsvPositions,
): EventsCsvFields {
  const pick = (name: EventsCsvColumn): string => (fields[positions[name]] ?? '').trim();
  return {
    userId: pick('userId'),
    itemId: pick('itemId'),
    type: pick('type'),
    value: pick('value'),
    timestamp: pick('timestamp'),
  };
}
