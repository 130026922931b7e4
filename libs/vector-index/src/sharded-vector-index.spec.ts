import { clusteredVectors } from './clustered-vectors';
import { ExactVectorIndex } from './exact-vector-index';
import { ShardedVectorIndex } from './sharded-vector-index';

const DIM = 6;
const vectors = clusteredVectors({ rows: 500, dim: DIM, clusterCount: 8, spread: 0.5, seed: 21 });
const query = new Float32Array([0.2, -0.4, 1, 0.3, -1.2, 0.5]);

/** Exact shards over rows 0..199, 200..349 and 350..499. */
const shards = [0, 200, 350, 500].slice(0, 3).map((start, i, starts) => {
  const end = starts[i + 1] ?? 500;
  return {
    start,
    index: new ExactVectorIndex(vectors.subarray(start * DIM, end * DIM), DIM, 'neg-l2'),
  };
});

describe('ShardedVectorIndex', () => {
  const sharded = new ShardedVectorIndex(shards);
  const whole = new ExactVectorIndex(vectors, DIM, 'neg-l2');

  it('answers like one index over the whole table: row numbers, scores, order', () => {
    expect(sharded.size).toBe(500);
    expect(sharded.search(query, 25)).toEqual(whole.search(query, 25));
  });

  it('passes the exclusion on in whole-table row numbers', () => {
    const exclude = (row: number) => row < 300 || row % 2 === 0;
    const hits = sharded.search(query, 10, exclude);
    expect(hits).toEqual(whole.search(query, 10, exclude));
    expect(hits.every((hit) => !exclude(hit.index))).toBe(true);
  });

  it('returns every row when k is larger than the table', () => {
    expect(sharded.search(query, 1_000)).toHaveLength(500);
    expect(sharded.search(query, 0)).toEqual([]);
  });
});
