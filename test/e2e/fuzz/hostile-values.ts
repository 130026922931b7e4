// fast-check arbitraries for values a hostile or buggy client sends: strings with NUL, control characters,
// lone UTF-16 surrogates and 10k characters, prototype keys, wrong types, deep nesting, huge arrays, odd
// timestamps and offsets.
import fc from 'fast-check';

/** Keys that break naive object handling (prototype pollution, inherited properties). */
export const PROTOTYPE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
];

const loneSurrogate = fc
  .integer({ min: 0xd800, max: 0xdfff })
  .map((code) => String.fromCharCode(code));
const controlCharacter = fc
  .constantFrom(0, 1, 7, 8, 9, 10, 13, 27, 127, 0x85, 0x9f)
  .map((code) => String.fromCharCode(code));
/** One character that some layer (URL, JSON, UTF-8, PostgreSQL text, Redis keys) treats specially. */
export const oddCharacter = fc.oneof(
  { weight: 3, arbitrary: loneSurrogate },
  { weight: 2, arbitrary: fc.constant('\u0000') },
  { weight: 2, arbitrary: controlCharacter },
  { weight: 1, arbitrary: fc.constantFrom('\u200b', '\ufeff', '\ufffd', '\uffff', '\u{1f600}', '\u202e', 'é') }, // prettier-ignore
  { weight: 2, arbitrary: fc.constantFrom('/', '?', '#', '%', '&', '=', '+', ' ', '"', "'", '\\', '<', '.', '..', ',') }, // prettier-ignore
);

/** A string of every kind: short and normal, with odd characters in it, empty, or very long. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ minLength: 1, maxLength: 20 }) },
  {
    weight: 4,
    arbitrary: fc
      .tuple(fc.string({ maxLength: 8 }), oddCharacter, fc.string({ maxLength: 8 }))
      .map((parts) => parts.join('')),
  },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', ...PROTOTYPE_KEYS, '%00', '%zz', '%ED%A0%80') },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(255, 256, 257, 1000, 10_000), fc.constantFrom('a', 'é', '\u{1f600}'))
      .map(([length, unit]) => unit.repeat(length)),
  },
);

/** Timestamps: valid ones, offsets outside ±14:00, missing zones, impossible dates, other types. */
export const hostileTimestamp: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.date({ min: new Date('2001-01-01'), max: new Date('2026-01-01'), noInvalidDate: true }).map((d) => d.toISOString()) }, // prettier-ignore
  {
    weight: 4,
    arbitrary: fc
      .tuple(
        fc.date({ min: new Date('2001-01-01'), max: new Date('2026-01-01'), noInvalidDate: true }),
        fc.constantFrom(
          '+16:00',
          '-23:59',
          '+23:59',
          '+14:00',
          '-12:00',
          '+00:00',
          '-00:00',
          '+05:45',
        ),
      )
      .map(([date, offset]) => `${date.toISOString().slice(0, 19)}${offset}`),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '2024-02-30T00:00:00Z',
      '2024-13-01T00:00:00Z',
      '2024-06-30T23:59:60Z',
      '0000-01-01T00:00:00Z',
      '9999-12-31T23:59:59Z',
      '1999-12-31T23:59:59Z',
      '2020-01-01T00:00:00.123456789Z',
      '2020-01-01T00:00:00',
      '2020-01-01',
      '+275760-09-13T00:00:00Z',
      'now',
      '',
    ),
  },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.constant(null), fc.boolean()) },
);

/** Any JSON value, including deep nesting, prototype keys and big arrays. */
export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 2, arbitrary: fc.dictionary(fc.constantFrom(...PROTOTYPE_KEYS, 'eventId', 'limit'), fc.jsonValue({ maxDepth: 2 })) }, // prettier-ignore
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 100_000 }).map(deeplyNested) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 1001, max: 20_000 }), fc.jsonValue({ maxDepth: 1 }))
      .map(([length, item]) => Array.from({ length }, () => item)),
  },
  { weight: 1, arbitrary: hostileString },
);

/** JSON text given as it is (JSON.stringify itself overflows the stack on deep nesting). */
export class RawJson {
  constructor(readonly text: string) {}
}

/** `value` as JSON text: RawJson as it is, anything else with JSON.stringify ("null" for undefined). */
export function jsonText(value: unknown): string {
  return value instanceof RawJson ? value.text : (JSON.stringify(value) ?? 'null');
}

function deeplyNested(depth: number): RawJson {
  return new RawJson(`${'[{"nested":'.repeat(depth)}0${'}]'.repeat(depth)}`);
}

/** A value of the wrong type for any field. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }), { maxKeys: 2 }),
);
