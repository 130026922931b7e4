/** Separator of ids inside a chunk; ids containing it are rejected when a model is published. */
export const ID_SEPARATOR = '\n';

/** Joins ids into newline-separated UTF-8 chunks of about `chunkBytes` each (never splitting an id). */
export function toIdChunks(ids: readonly string[], chunkBytes: number): Buffer[] {
  const chunks: Buffer[] = [];
  let start = 0;
  let size = 0;
  for (let i = 0; i < ids.length; i += 1) {
    // String length approximates UTF-8 bytes; a chunk is a little over the target for non-ASCII ids.
    size += ids[i].length + 1;
    if (size >= chunkBytes || i === ids.length - 1) {
      chunks.push(Buffer.from(ids.slice(start, i + 1).join(ID_SEPARATOR), 'utf8'));
      start = i + 1;
      size = 0;
    }
  }
  return chunks;
}

/** Splits one stored chunk back into its ids. */
export function fromIdChunk(chunk: Buffer): string[] {
  return chunk.toString('utf8').split(ID_SEPARATOR);
}
