import { TopKHeap } from './top-k-heap';

describe('TopKHeap.drainSorted', () => {
  it('returns the kept entries best first and leaves the heap empty', () => {
    const heap = new TopKHeap(4);
    [3, 8, 1, 9, 4, 7].forEach((score, id) => heap.push(id, score));
    expect(heap.length).toBe(4);
    const { ids, scores } = heap.drainSorted();
    expect(Array.from(scores)).toEqual([9, 8, 7, 4]);
    expect(Array.from(ids)).toEqual([3, 1, 5, 4]);
    expect(heap.length).toBe(0);
    expect(heap.threshold).toBe(-Infinity);
  });
});
