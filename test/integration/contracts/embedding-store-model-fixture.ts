// Models for the embedding store tests: every value a different bit pattern (NaN payloads, subnormals,
// infinities included), so byte-for-byte comparison catches any conversion, truncation or mix-up.
import type { ModelSnapshot } from '@recsys/domain';

/** Shape of a generated model; the version also seeds its contents, so two versions never look alike. */
export interface ModelShape {
  version: string;
  itemCount: number;
  userCount: number;
  dim: number;
}

/** A deterministic model of the given shape with ids in several scripts and random bit patterns. */
export function makeModel(shape: ModelShape): ModelSnapshot {
  const next = randomWords(shape.version);
  const itemIds = Array.from({ length: shape.itemCount }, (_, i) => idFor('item', i));
  const userIds = Array.from({ length: shape.userCount }, (_, i) => idFor('user', i));
  const offsets = new Int32Array(shape.userCount + 1);
  for (let user = 0; user < shape.userCount; user += 1) {
    offsets[user + 1] = offsets[user] + (shape.itemCount > 0 ? user % 5 : 0);
  }
  const seen = Int32Array.from({ length: offsets[shape.userCount] }, () =>
    Math.floor((next() / 2 ** 32) * shape.itemCount),
  );
  return {
    metadata: {
      version: shape.version,
      createdAt: '2024-05-06T07:08:09.010Z',
      dim: shape.dim,
      metric: 'neg-l2',
      itemCount: shape.itemCount,
      userCount: shape.userCount,
      metrics: { 'recall@10': 0.25, 'ndcg@10': 0.125 },
      trainingParams: { margin: 0.2, negatives: { kind: 'semi-hard', per: [1, 2] } },
      jobId: `job-${shape.version}`,
    },
    itemIds,
    itemVectors: randomFloats(shape.itemCount * shape.dim, next),
    userIds,
    userVectors: randomFloats(shape.userCount * shape.dim, next),
    seenItems: { offsets, items: seen },
    popularItems: Int32Array.from(
      { length: Math.min(100, shape.itemCount) },
      (_, i) => (i * 3) % shape.itemCount,
    ),
  };
}

/** Asserts-friendly view: true when two models hold the same metadata, ids and bytes. */
export function sameModel(actual: ModelSnapshot, expected: ModelSnapshot): boolean {
  return (
    JSON.stringify(actual.metadata) === JSON.stringify(expected.metadata) &&
    sameIds(actual.itemIds, expected.itemIds) &&
    sameIds(actual.userIds, expected.userIds) &&
    sameBytes(actual.itemVectors, expected.itemVectors) &&
    sameBytes(actual.userVectors, expected.userVectors) &&
    sameBytes(actual.seenItems.offsets, expected.seenItems.offsets) &&
    sameBytes(actual.seenItems.items, expected.seenItems.items) &&
    sameBytes(actual.popularItems, expected.popularItems)
  );
}

/** Byte-for-byte equality of two typed arrays of the same type (NaN payloads and -0 included). */
export function sameBytes(
  actual: Float32Array | Int32Array,
  expected: Float32Array | Int32Array,
): boolean {
  return (
    actual.constructor === expected.constructor &&
    Buffer.from(actual.buffer, actual.byteOffset, actual.byteLength).equals(
      Buffer.from(expected.buffer, expected.byteOffset, expected.byteLength),
    )
  );
}

function sameIds(actual: string[], expected: string[]): boolean {
  return actual.length === expected.length && actual.every((id, i) => id === expected[i]);
}

function idFor(kind: string, index: number): string {
  if (index % 7 === 3) return `${kind}-商品-${index}`;
  if (index % 11 === 5) return `${kind} élan:${index}`;
  return `${kind}-${index}`;
}

function randomFloats(length: number, next: () => number): Float32Array {
  const bits = new Uint32Array(length);
  for (let i = 0; i < length; i += 1) bits[i] = next();
  return new Float32Array(bits.buffer);
}

// xorshift32 seeded from the version string: deterministic, and different for every version.
function randomWords(seedText: string): () => number {
  let state = 0x9e3779b9;
  for (const char of seedText) state = Math.imul(state ^ char.charCodeAt(0), 0x01000193) >>> 0;
  state ||= 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
}
