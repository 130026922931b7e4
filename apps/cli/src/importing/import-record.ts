import { createHash } from 'node:crypto';
import type { EventsCsvFields } from '@recsys/datasets';

/** One input record turned into an event candidate (validated later), or the reason it cannot be one. */
export type ImportRecord =
  | { lineNumber: number; candidate: Record<string, unknown> }
  | { lineNumber: number; problem: string };

/**
 * A stable event id from the event's content, so replaying a file twice stores each event once (the
 * event log is idempotent on eventId). Identical lines (same user, item, type, value, time, shown
 * items) are one event.
 */
export function contentEventId(candidate: Record<string, unknown>): string {
  const { userId, itemId, type, value, timestamp, shownItemIds } = candidate;
  const content = JSON.stringify([userId, itemId, type, value ?? null, timestamp, shownItemIds ?? null]); // prettier-ignore
  return `import-${createHash('sha256').update(content).digest('hex').slice(0, 32)}`;
}

function withEventId(candidate: Record<string, unknown>): Record<string, unknown> {
  return candidate.eventId === undefined ? { eventId: contentEventId(candidate), ...candidate } : candidate; // prettier-ignore
}

/** A MovieLens `user item rating unix-seconds` line as a rating event. */
export function movieLensRecord(line: string, lineNumber: number): ImportRecord {
  const fields = line.trim().split(/\s+/);
  if (fields.length !== 4) return { lineNumber, problem: `expected 4 fields, found ${fields.length}` }; // prettier-ignore
  const [userId, itemId, ratingText, secondsText] = fields;
  const [rating, seconds] = [Number(ratingText), Number(secondsText)];
  if (!Number.isFinite(rating) || !Number.isFinite(seconds)) {
    return { lineNumber, problem: 'rating and timestamp must be numbers' };
  }
  const timestamp = isoOfEpochMs(seconds * 1000);
  if (timestamp === undefined) return { lineNumber, problem: `timestamp ${secondsText} is out of range` }; // prettier-ignore
  return { lineNumber, candidate: withEventId({ userId, itemId, type: 'rating', value: rating, timestamp }) }; // prettier-ignore
}

/** A JSON line holding one InteractionEventV1; `eventId` may be left out (derived from the content). */
export function jsonLineRecord(line: string, lineNumber: number): ImportRecord {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { lineNumber, problem: `not JSON: ${(error as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { lineNumber, problem: 'not a JSON object' };
  }
  return { lineNumber, candidate: withEventId(value as Record<string, unknown>) };
}

/**
 * An events CSV row as an event: `value` a number when present, `timestamp` ISO-8601 as written (the
 * service normalises offsets) or epoch milliseconds; a replayed event needs its time.
 */
export function eventsCsvRecord(fields: EventsCsvFields, lineNumber: number): ImportRecord {
  const { userId, itemId, type, value: valueText, timestamp: timeText } = fields;
  const value = valueText === '' ? undefined : Number(valueText);
  if (value !== undefined && !Number.isFinite(value)) {
    return { lineNumber, problem: `value "${valueText}" is not a number` };
  }
  if (timeText === '') return { lineNumber, problem: 'timestamp is empty (a replayed event needs its time)' }; // prettier-ignore
  const timestamp = /^-?\d+$/.test(timeText) ? isoOfEpochMs(Number(timeText)) : timeText;
  if (timestamp === undefined) return { lineNumber, problem: `timestamp ${timeText} is out of range` }; // prettier-ignore
  const candidate = { userId, itemId, type, timestamp, ...(value === undefined ? {} : { value }) };
  return { lineNumber, candidate: withEventId(candidate) };
}

function isoOfEpochMs(ms: number): string | undefined {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
