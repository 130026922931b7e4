import { createSeededRandom } from './seeded-random';
import { TopKHeap } from './top-k-heap';

describe('TopKHeap', () => {
  it('keeps the K best items, best first, as a full sort would', () => {
    const random = createSeededRandom(7);
    const scores = Array.from({ length: 500 }, () => Math.round(random() * 50));
    const heap = new TopKHeap(10);
    scores.forEach((score, item) => heap.offer(score, item));
    const out = new Int32Array(10);
    heap.drainInto(out);
    const expected = scores
      .map((score, item) => ({ score, item }))
      .sort((a, b) => b.score - a.score || a.item - b.item)
      .slice(0, 10)
      .map((entry) => entry.item);
    expect(Array.from(out)).toEqual(expected);
  });

  it('keeps the earlier item on ties and fills missing slots with -1', () => {
    const heap = new TopKHeap(3);
    heap.offer(1, 0);
    heap.offer(2, 1);
    expect(heap.threshold()).toBe(-Infinity);
    heap.offer(2, 2);
    heap.offer(2, 3);
    const out = new Int32Array(3);
    heap.drainInto(out);
    expect(Array.from(out)).toEqual([1, 2, 3]);
    heap.offer(5, 9);
    heap.drainInto(out);
    expect(Array.from(out)).toEqual([9, -1, -1]);
  });
});
