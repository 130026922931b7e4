import { fillVisitChunk } from './user-visit-chunk';

describe('fillVisitChunk', () => {
  // Users 0..3 with 3, 5, 1 and 2 pairs, numbered by user; explicit triplets 11 (user 1) and 12 (user 0).
  const pairUsers = Int32Array.from([0, 0, 0, 1, 1, 1, 1, 1, 2, 3, 3]);
  const explicitUsers = Int32Array.from([1, 0]);
  const pairCount = pairUsers.length;
  const order = Int32Array.from([8, 3, 5, 4, 11, 7, 6, 0, 2, 1, 12, 10, 9]);

  function chunks(size: number): number[][] {
    const work = new Int32Array(size);
    const out: number[][] = [];
    for (let at = 0; at < order.length;) {
      const chunk = { work, pairUsers, explicitUsers, pairCount };
      const { count, next } = fillVisitChunk(order, at, chunk);
      expect(next).toBeGreaterThan(at);
      out.push([...work.subarray(0, count)]);
      at = next;
    }
    return out;
  }

  it('ends a chunk where a visit ends, and keeps every item once in order', () => {
    expect(chunks(8)).toEqual([
      [8, 3, 5, 4, 11, 7, 6],
      [0, 2, 1, 12, 10, 9],
    ]);
    expect(chunks(100)).toEqual([[...order]]);
  });

  it('cuts a visit only when it alone outgrows the chunk', () => {
    expect(chunks(3)).toEqual([[8], [3, 5, 4], [11, 7, 6], [0, 2, 1], [12, 10, 9]]);
  });
});
