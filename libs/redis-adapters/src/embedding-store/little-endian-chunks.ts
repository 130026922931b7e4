/** True on the (usual) little-endian hosts, where typed arrays already hold the stored byte order. */
const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Splits a 32-bit typed array into little-endian byte chunks of at most `chunkBytes` (a multiple of 4). */
export function toLittleEndianChunks(
  values: Float32Array | Int32Array,
  chunkBytes: number,
): Buffer[] {
  // On little-endian hosts the chunks are views of `values`: no copy of a 256 MB table.
  const bytes = Buffer.from(values.buffer, values.byteOffset, values.byteLength);
  const chunks: Buffer[] = [];
  for (let start = 0; start < bytes.length; start += chunkBytes) {
    const view = bytes.subarray(start, Math.min(start + chunkBytes, bytes.length));
    chunks.push(HOST_IS_LITTLE_ENDIAN ? view : Buffer.from(view).swap32());
  }
  return chunks;
}

/** Number of chunks `toLittleEndianChunks` makes for `byteLength` bytes. */
export function chunkCount(byteLength: number, chunkBytes: number): number {
  return Math.ceil(byteLength / chunkBytes);
}

/**
 * Copies chunk `index` into `target` (the bytes of the whole section); false if its size is not the one the
 * layout implies, which means the stored version is not the one the manifest describes.
 */
export function copyChunkInto(
  target: Uint8Array,
  chunk: Buffer,
  position: { index: number; chunkBytes: number },
): boolean {
  const start = position.index * position.chunkBytes;
  const expectedBytes = Math.min(position.chunkBytes, target.byteLength - start);
  if (chunk.length !== expectedBytes) return false;
  target.set(chunk, start);
  return true;
}

/** Turns a section assembled from little-endian chunks into host byte order, in place. */
export function toHostByteOrder(values: Float32Array | Int32Array): void {
  if (HOST_IS_LITTLE_ENDIAN) return;
  Buffer.from(values.buffer, values.byteOffset, values.byteLength).swap32();
}
