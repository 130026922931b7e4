import type { ModelSnapshot } from '@recsys/domain';
import { encodeModelSections } from './encode-model-sections';

describe('encodeModelSections', () => {
  const model = {
    metadata: { version: 'v', dim: 2, itemCount: 3, userCount: 1 },
    itemIds: ['a', 'b', 'c'],
    itemVectors: new Float32Array([1, 2, 3, 4, 5, 6]),
    userIds: ['u'],
    userVectors: new Float32Array([7, 8]),
    seenItems: { offsets: new Int32Array([0, 2]), items: new Int32Array([0, 2]) },
    popularItems: new Int32Array([2, 1, 0]),
  } as unknown as ModelSnapshot;

  it('describes every section by element count and chunk count', () => {
    const { sections } = encodeModelSections(model, 8);
    expect(sections).toEqual({
      itemIds: { length: 3, chunks: 1 },
      userIds: { length: 1, chunks: 1 },
      itemVectors: { length: 6, chunks: 3 },
      userVectors: { length: 2, chunks: 1 },
      seenOffsets: { length: 2, chunks: 1 },
      seenItems: { length: 2, chunks: 1 },
      popularItems: { length: 3, chunks: 2 },
    });
  });

  it('stores the vector bytes in order across chunks', () => {
    const { chunks } = encodeModelSections(model, 8);
    const bytes = Buffer.concat(chunks.itemVectors);
    expect([0, 1, 2, 3, 4, 5].map((i) => bytes.readFloatLE(i * 4))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(chunks.itemIds[0].toString()).toBe('a\nb\nc');
  });
});
