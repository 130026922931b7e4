import { clusteredVectors } from './clustered-vectors';
import { ExactVectorIndex } from './exact-vector-index';
import { TopKHeap } from './top-k-heap';

describe('TopKHeap', () => {
  it('keeps the k highest scores, best first', () => {
    const heap = new TopKHeap(3);
    [5, 1, 9, 3, 7, 2].forEach((score, id) => heap.push(id, score));
    expect(heap.sorted()).toEqual([
      { id: 2, score: 9 },
      { id: 4, score: 7 },
      { id: 0, score: 5 },
    ]);
    expect(heap.threshold).toBe(5);
  });
});

describe('ExactVectorIndex', () => {
  // four 2-d points: (0,0) (1,0) (0,2) (3,3)
  const vectors = new Float32Array([0, 0, 1, 0, 0, 2, 3, 3]);

  it('ranks by Euclidean distance with score = -distance', () => {
    const index = new ExactVectorIndex(vectors, 2, 'neg-l2');
    const hits = index.search(new Float32Array([1, 1]), 2);
    expect(hits.map((h) => h.index)).toEqual([1, 0]);
    expect(hits[0].score).toBeCloseTo(-1, 6);
    expect(hits[1].score).toBeCloseTo(-Math.SQRT2, 6);
  });

  it('skips excluded rows and returns at most size hits', () => {
    const index = new ExactVectorIndex(vectors, 2, 'neg-l2');
    const hits = index.search(new Float32Array([1, 1]), 10, (i) => i === 1);
    expect(hits.map((h) => h.index)).toEqual([0, 2, 3]);
  });

  it('supports dot and cosine', () => {
    expect(new ExactVectorIndex(vectors, 2, 'dot').search(new Float32Array([1, 1]), 1)[0]).toEqual({
      index: 3,
      score: 6,
    });
    const cosine = new ExactVectorIndex(vectors, 2, 'cosine').search(
      new Float32Array([0, 1]),
      1,
    )[0];
    expect(cosine.index).toBe(2);
    expect(cosine.score).toBeCloseTo(1, 6);
  });
});

describe('ExactVectorIndex against a naive ranking', () => {
  const dim = 5;
  const rows = 300;
  const vectors = clusteredVectors({ rows, dim, clusterCount: 4, spread: 1, seed: 11 });
  const query = new Float32Array([0.3, -1, 0.5, 2, -0.2]);
  const row = (i: number) => Array.from(vectors.subarray(i * dim, (i + 1) * dim));
  const dot = (a: number[]) => a.reduce((sum, x, d) => sum + x * query[d], 0);
  const norm = (a: ArrayLike<number>) => Math.hypot(...Array.from(a));
  const naiveScore = {
    'neg-l2': (i: number) => -Math.hypot(...row(i).map((x, d) => x - query[d])),
    dot: (i: number) => dot(row(i)),
    cosine: (i: number) => dot(row(i)) / (norm(row(i)) * norm(query)),
  };

  it.each(['neg-l2', 'dot', 'cosine'] as const)('returns the true top 15 for %s', (metric) => {
    const exclude = (i: number) => i % 3 === 0;
    const expected = Array.from({ length: rows }, (_, i) => i)
      .filter((i) => !exclude(i))
      .map((i) => ({ index: i, score: naiveScore[metric](i) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, 15);
    const hits = new ExactVectorIndex(vectors, dim, metric).search(query, 15, exclude);
    expect(hits.map((hit) => hit.index)).toEqual(expected.map((hit) => hit.index));
    hits.forEach((hit, i) => expect(hit.score).toBeCloseTo(expected[i].score, 4));
  });
});
