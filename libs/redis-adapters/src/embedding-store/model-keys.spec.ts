import type { ModelManifest } from './model-manifest';
import { ModelKeys } from './model-keys';

describe('ModelKeys', () => {
  const keys = new ModelKeys('recsys:');

  it('puts every key under the prefix', () => {
    expect(keys.current).toBe('recsys:model:current');
    expect(keys.versions).toBe('recsys:model:versions');
    expect(keys.publishedChannel).toBe('recsys:model:published');
    expect(keys.manifest('v1')).toBe('recsys:model:v1:manifest');
  });

  it('encodes versions so a colon cannot reach another key', () => {
    expect(keys.manifest('2024-01-01T00:00:00Z')).toBe(
      'recsys:model:2024-01-01T00%3A00%3A00Z:manifest',
    );
    const chunkOfA = keys.chunk({ version: 'a', publishId: 'p', section: 'itemIds', index: 0 });
    expect(keys.manifest('a:p:itemIds')).toBe('recsys:model:a%3Ap%3AitemIds:manifest');
    expect(chunkOfA).toBe('recsys:model:a:p:itemIds:0');
  });

  it('lists the chunk keys of every section of a manifest', () => {
    const empty = { length: 0, chunks: 0 };
    const manifest = {
      publishId: 'p1',
      metadata: { version: 'v1' },
      sections: {
        itemIds: { length: 3, chunks: 1 },
        userIds: empty,
        itemVectors: { length: 6, chunks: 2 },
        userVectors: empty,
        seenOffsets: empty,
        seenItems: empty,
        popularItems: empty,
      },
    } as unknown as ModelManifest;
    expect(keys.chunksOf(manifest)).toEqual([
      'recsys:model:v1:p1:itemIds:0',
      'recsys:model:v1:p1:itemVectors:0',
      'recsys:model:v1:p1:itemVectors:1',
    ]);
  });
});
