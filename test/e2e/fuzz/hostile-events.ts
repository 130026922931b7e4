// Interaction events as a buggy storefront sends them: a valid event with zero to three fields replaced
// by hostile values, extra or prototype keys, or fields missing.
import fc from 'fast-check';
import { INTERACTION_TYPES } from '@recsys/interaction-events';
import {
  oddCharacter,
  hostileJson,
  hostileString,
  hostileTimestamp,
  PROTOTYPE_KEYS,
  wrongType,
} from './hostile-values';

const FIELDS = [
  'eventId',
  'userId',
  'itemId',
  'type',
  'value',
  'shownItemIds',
  'timestamp',
] as const;
type Field = (typeof FIELDS)[number];

const plainId = (prefix: string) => fc.uuid().map((uuid) => `${prefix}-${uuid.slice(0, 13)}`);

/** A valid event (impressions carry shown items, ratings a value). */
export const validEvent: fc.Arbitrary<Record<string, unknown>> = fc
  .record({
    eventId: plainId('ev'),
    userId: fc.integer({ min: 0, max: 40 }).map((n) => `user-${n}`),
    itemId: fc.integer({ min: 0, max: 60 }).map((n) => `item-${n}`),
    type: fc.constantFrom(...INTERACTION_TYPES),
    value: fc.integer({ min: 1, max: 5 }),
    shown: fc.array(fc.integer({ min: 0, max: 60 }).map((n) => `item-${n}`), { minLength: 1, maxLength: 5 }), // prettier-ignore
    timestamp: fc.date({ min: new Date('2025-01-01'), max: new Date('2026-01-01'), noInvalidDate: true }), // prettier-ignore
  })
  .map(({ shown, value, timestamp, ...event }) => ({
    ...event,
    ...(event.type === 'rating' ? { value } : {}),
    ...(event.type === 'impression' ? { shownItemIds: shown } : {}),
    timestamp: timestamp.toISOString(),
  }));

const hostileFieldValue: Record<Field, fc.Arbitrary<unknown>> = {
  eventId: fc.oneof(hostileString, wrongType),
  userId: fc.oneof(hostileString, wrongType),
  itemId: fc.oneof(hostileString, wrongType),
  type: fc.oneof(fc.constantFrom('teleport', 'CLICK', ''), hostileString, wrongType),
  value: fc.oneof(fc.double(), fc.constantFrom(-1, 11, 1e308, -0), wrongType),
  shownItemIds: fc.oneof(
    fc.array(hostileString, { maxLength: 5 }),
    fc.integer({ min: 200, max: 5000 }).map((n) => Array.from({ length: n }, (_, i) => `s${i}`)),
    wrongType,
  ),
  timestamp: hostileTimestamp,
};

const mutation = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .constantFrom(...FIELDS)
      .chain((field) => hostileFieldValue[field].map((value) => ({ set: field, value }))),
  },
  { weight: 1, arbitrary: fc.constantFrom(...FIELDS).map((field) => ({ drop: field })) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...PROTOTYPE_KEYS, 'extra', 'userID'), hostileJson)
      .map(([key, value]) => ({ set: key, value })),
  },
);

/** An event with up to three hostile mutations (about a fifth stay valid). */
export const hostileEvent: fc.Arbitrary<unknown> = fc
  .tuple(validEvent, fc.array(mutation, { maxLength: 3 }))
  .map(([event, mutations]) => {
    const copy: Record<string, unknown> = { ...event };
    for (const change of mutations) {
      if ('drop' in change) delete copy[change.drop];
      // defineProperty: `copy.__proto__ = x` would set the prototype, not send a "__proto__" key.
      else Object.defineProperty(copy, change.set, { value: change.value, enumerable: true, configurable: true, writable: true }); // prettier-ignore
    }
    return copy;
  });

/** Inserts `char` into `text` at `at` (a fraction of its length). */
function insertAt(text: string, char: string, at: number): string {
  const index = Math.floor(at * (text.length + 1));
  return `${text.slice(0, index)}${char}${text.slice(index)}`;
}

/**
 * A valid event with one odd character in one id, or an odd time-zone offset: what a real storefront
 * sends by mistake, and what slips through a validator that checks shapes but not every layer below.
 */
export const subtlyHostileEvent: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(
    validEvent,
    fc.constantFrom('eventId', 'userId', 'itemId', 'shownItemIds', 'timestamp'),
    oddCharacter,
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.constantFrom('+16:00', '-23:59', '+14:00', '+23:59', '-00:00'),
  )
  .map(([event, field, char, at, offset]) => {
    const copy = { ...event };
    if (field === 'timestamp') copy.timestamp = `${String(event.timestamp).slice(0, 19)}${offset}`;
    else if (field === 'shownItemIds') {
      copy.type = 'impression';
      copy.shownItemIds = [insertAt('item-1', char, at), 'item-2'];
    } else copy[field] = insertAt(String(event[field]), char, at);
    return copy;
  });

/** A POST /events body: one event, a batch (sometimes oversize), or any JSON at all. */
export const hostileEventsBody: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileEvent },
  { weight: 4, arbitrary: subtlyHostileEvent },
  { weight: 3, arbitrary: fc.array(fc.oneof(hostileEvent, subtlyHostileEvent), { minLength: 1, maxLength: 8 }) }, // prettier-ignore
  { weight: 2, arbitrary: validEvent },
  { weight: 1, arbitrary: fc.array(validEvent, { minLength: 1, maxLength: 20 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1001, max: 1500 }).map((n) => Array.from({ length: n }, (_, i) => ({ eventId: `big-${i}` }))) }, // prettier-ignore
  { weight: 1, arbitrary: hostileJson },
);
