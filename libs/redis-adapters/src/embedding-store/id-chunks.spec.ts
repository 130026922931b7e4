import { fromIdChunk, toIdChunks } from './id-chunks';

describe('id chunks', () => {
  it('round-trips ids, including non-ASCII and empty ones', () => {
    const ids = ['item-1', 'élan', '', '商品', 'x y'];
    const chunks = toIdChunks(ids, 8);
    expect(chunks.flatMap(fromIdChunk)).toEqual(ids);
  });

  it('starts a new chunk once about chunkBytes are used, never splitting an id', () => {
    const ids = Array.from({ length: 100 }, (_, i) => `id-${i}`);
    const chunks = toIdChunks(ids, 64);
    expect(chunks.length).toBeGreaterThan(5);
    expect(Math.max(...chunks.map((chunk) => chunk.length))).toBeLessThan(64 + 8);
    expect(chunks.flatMap(fromIdChunk)).toEqual(ids);
  });

  it('makes one chunk for a single id and none for no ids', () => {
    expect(toIdChunks(['only'], 1024)).toHaveLength(1);
    expect(toIdChunks([], 1024)).toEqual([]);
  });
});
