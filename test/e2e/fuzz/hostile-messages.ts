// Raw Kafka messages for the interactions topic: valid events, subtly and plainly hostile ones, any JSON,
// arbitrary bytes, empty values and odd keys and headers, each aimed at a partition.
import fc from 'fast-check';
import { hostileEvent, subtlyHostileEvent, validEvent } from './hostile-events';
import { hostileJson, hostileString, jsonText } from './hostile-values';

/** One message as produced: `value` null is a tombstone. */
export interface HostileMessage {
  partition: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer>;
}

const value: fc.Arbitrary<Buffer | null> = fc.oneof(
  { weight: 3, arbitrary: validEvent.map((e) => Buffer.from(JSON.stringify(e))) },
  { weight: 4, arbitrary: subtlyHostileEvent.map((e) => Buffer.from(JSON.stringify(e))) },
  { weight: 3, arbitrary: hostileEvent.map((e) => Buffer.from(jsonText(e))) },
  { weight: 1, arbitrary: hostileJson.map((v) => Buffer.from(jsonText(v))) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)) },
  { weight: 1, arbitrary: fc.constantFrom(null, Buffer.alloc(0), Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d])) }, // prettier-ignore
);

// The broker refuses messages over 1 MiB (message.max.bytes) before the ingestor sees them.
const MAX_MESSAGE_BYTES = 900_000;

/** A message on one of `partitions` partitions. */
export function hostileMessage(partitions: number): fc.Arbitrary<HostileMessage> {
  return fc.record({
    partition: fc.integer({ min: 0, max: partitions - 1 }),
    key: fc.option(
      hostileString.map((k) => Buffer.from(k)),
      { freq: 5 },
    ),
    value: value.filter((v) => v === null || v.length < MAX_MESSAGE_BYTES),
    headers: fc.dictionary(
      fc.string({ minLength: 1, maxLength: 12 }),
      hostileString.map((h) => Buffer.from(h)),
      { maxKeys: 2 },
    ),
  });
}
