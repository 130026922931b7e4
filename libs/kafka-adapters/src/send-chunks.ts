import type { Message } from 'kafkajs';

// Bytes a record adds to its key, value and headers in a v2 record batch (length, attributes, deltas:
// varints of at most 5 bytes each, rounded up), and a batch adds once (61-byte header, rounded up).
const RECORD_OVERHEAD_BYTES = 32;
export const BATCH_OVERHEAD_BYTES = 128;

/** An upper bound of the bytes one message takes in a record batch (uncompressed). */
export function messageBytes(message: Message): number {
  let bytes = RECORD_OVERHEAD_BYTES + sizeOf(message.key) + sizeOf(message.value);
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    const values = Array.isArray(value) ? value : [value];
    for (const one of values)
      bytes += RECORD_OVERHEAD_BYTES + Buffer.byteLength(name) + sizeOf(one);
  }
  return bytes;
}

/**
 * Splits messages, in order, into runs whose record batch stays within `maxBytes` (the broker refuses a
 * batch above its `message.max.bytes`, and a refusal is permanent). A message that alone exceeds the
 * bound gets a run of its own; the caller decides what to do with it (see `messageBytes`).
 */
export function sendChunks(messages: readonly Message[], maxBytes: number): Message[][] {
  const chunks: Message[][] = [];
  let current: Message[] = [];
  let currentBytes = BATCH_OVERHEAD_BYTES;
  for (const message of messages) {
    const bytes = messageBytes(message);
    if (current.length > 0 && currentBytes + bytes > maxBytes) {
      chunks.push(current);
      current = [];
      currentBytes = BATCH_OVERHEAD_BYTES;
    }
    current.push(message);
    currentBytes += bytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

function sizeOf(value: Buffer | string | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'string' ? Buffer.byteLength(value) : value.length;
}
