import type { ModelSnapshot } from '@recsys/domain';
import type Redis from 'ioredis';
import { fromIdChunk } from './id-chunks';
import { copyChunkInto, toHostByteOrder } from './little-endian-chunks';
import type { ModelKeys } from './model-keys';
import type { ModelManifest, ModelSection } from './model-manifest';

/** What reading a stored version needs: the connection, the key format and the version's manifest. */
export interface ModelReadContext {
  redis: Redis;
  keys: ModelKeys;
  manifest: ModelManifest;
}

/**
 * Reads every chunk of the version a manifest describes. Returns null if a chunk is missing or has the
 * wrong size (the version was deleted while it was read): never a partial model.
 */
export async function readModelSnapshot(context: ModelReadContext): Promise<ModelSnapshot | null> {
  const [itemIds, userIds, itemVectors, userVectors, offsets, items, popularItems] =
    await Promise.all([
      readIds(context, 'itemIds'),
      readIds(context, 'userIds'),
      readNumbers(context, 'itemVectors', sharedFloats(lengthOf(context, 'itemVectors'))),
      readNumbers(context, 'userVectors', sharedFloats(lengthOf(context, 'userVectors'))),
      readNumbers(context, 'seenOffsets', new Int32Array(lengthOf(context, 'seenOffsets'))),
      readNumbers(context, 'seenItems', new Int32Array(lengthOf(context, 'seenItems'))),
      readNumbers(context, 'popularItems', new Int32Array(lengthOf(context, 'popularItems'))),
    ]);
  if (!itemIds || !userIds || !itemVectors || !userVectors || !offsets || !items || !popularItems) {
    return null;
  }
  return {
    metadata: context.manifest.metadata,
    itemIds,
    itemVectors,
    userIds,
    userVectors,
    seenItems: { offsets, items },
    popularItems,
  };
}

// On shared memory from the start: a server hands the tables to worker threads (index builds) without
// copying hundreds of megabytes first.
function sharedFloats(length: number): Float32Array {
  return new Float32Array(new SharedArrayBuffer(length * Float32Array.BYTES_PER_ELEMENT));
}

function lengthOf(context: ModelReadContext, section: ModelSection): number {
  return context.manifest.sections[section].length;
}

function chunkKeys(context: ModelReadContext, section: ModelSection): string[] {
  const { manifest, keys } = context;
  const { version } = manifest.metadata;
  return Array.from({ length: manifest.sections[section].chunks }, (_, index) =>
    keys.chunk({ version, publishId: manifest.publishId, section, index }),
  );
}

async function readIds(context: ModelReadContext, section: ModelSection): Promise<string[] | null> {
  const chunks = await Promise.all(
    chunkKeys(context, section).map((key) => context.redis.getBuffer(key)),
  );
  if (chunks.some((chunk) => chunk === null)) return null;
  const ids = chunks.flatMap((chunk) => fromIdChunk(chunk as Buffer));
  return ids.length === lengthOf(context, section) ? ids : null;
}

async function readNumbers<T extends Float32Array | Int32Array>(
  context: ModelReadContext,
  section: ModelSection,
  target: T,
): Promise<T | null> {
  const bytes = new Uint8Array(target.buffer, target.byteOffset, target.byteLength);
  const { chunkBytes } = context.manifest;
  // Each chunk is copied into place as it arrives, so at most a few chunks are held besides the target.
  const copied = await Promise.all(
    chunkKeys(context, section).map(async (key, index) => {
      const chunk = await context.redis.getBuffer(key);
      return chunk !== null && copyChunkInto(bytes, chunk, { index, chunkBytes });
    }),
  );
  const expectedChunks = Math.ceil(target.byteLength / chunkBytes);
  if (copied.length !== expectedChunks || copied.includes(false)) return null;
  toHostByteOrder(target);
  return target;
}
