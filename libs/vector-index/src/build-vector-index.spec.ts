import { DomainError } from '@recsys/domain';
import { buildVectorIndex, chooseIndexKind, DEFAULT_HNSW_BELOW } from './build-vector-index';
import { clusteredVectors } from './clustered-vectors';
import { ExactVectorIndex } from './exact-vector-index';
import { HnswVectorIndex } from './hnsw-vector-index';
import { IvfVectorIndex } from './ivf-vector-index';

const vectors = clusteredVectors({ rows: 1_500, dim: 8, clusterCount: 10, spread: 0.3, seed: 2 });
// 1,500 rows of 8 dims take several slices of WORK_PER_SLICE multiply-adds to insert.

describe('buildVectorIndex', () => {
  it('searches small catalogues exactly', async () => {
    const index = await buildVectorIndex(vectors, 8, 'cosine');
    expect(index).toBeInstanceOf(ExactVectorIndex);
    expect([index.size, index.dim, index.metric]).toEqual([1_500, 8, 'cosine']);
  });

  it('builds HNSW above the threshold, pausing between slices of work', async () => {
    let pauses = 0;
    const pause = () => {
      pauses++;
      return Promise.resolve();
    };
    const index = await buildVectorIndex(vectors, 8, 'neg-l2', { exactBelow: 1_000, pause });
    expect(index).toBeInstanceOf(HnswVectorIndex);
    expect(pauses).toBeGreaterThan(0);
    const query = vectors.subarray(80, 88);
    expect(index.search(query, 1)[0]).toEqual({ index: 10, score: 0 });
  });

  it('builds IVF when asked', async () => {
    const index = await buildVectorIndex(vectors, 8, 'dot', {
      exactBelow: 1_000,
      algorithm: 'ivf',
    });
    expect(index).toBeInstanceOf(IvfVectorIndex);
    expect(index.search(vectors.subarray(0, 8), 5)).toHaveLength(5);
  });

  it('chooses exact search, then HNSW, then IVF by size unless an algorithm is forced', () => {
    const options = { exactBelow: 100, hnswBelow: 1_000 };
    expect([99, 100, 999, 1_000].map((rows) => chooseIndexKind(rows, options))).toEqual(['exact', 'hnsw', 'hnsw', 'ivf']); // prettier-ignore
    expect(chooseIndexKind(5_000, { ...options, algorithm: 'hnsw' })).toBe('hnsw');
    expect(chooseIndexKind(500, { ...options, algorithm: 'ivf' })).toBe('ivf');
    expect(chooseIndexKind(DEFAULT_HNSW_BELOW - 1)).toBe('hnsw');
    expect(chooseIndexKind(DEFAULT_HNSW_BELOW)).toBe('ivf');
  });

  it('builds IVF above hnswBelow by default', async () => {
    const index = await buildVectorIndex(vectors, 8, 'neg-l2', {
      exactBelow: 100,
      hnswBelow: 1_000,
    });
    expect(index).toBeInstanceOf(IvfVectorIndex);
    expect(index.search(vectors.subarray(80, 88), 1)[0]).toEqual({ index: 10, score: 0 });
  });

  it('rejects a table that is not a whole number of rows', async () => {
    await expect(buildVectorIndex(new Float32Array(10), 3, 'dot')).rejects.toThrow(DomainError);
    await expect(buildVectorIndex(new Float32Array(10), 3, 'dot')).rejects.toMatchObject({
      code: 'INVALID_VECTORS',
    });
  });
});
