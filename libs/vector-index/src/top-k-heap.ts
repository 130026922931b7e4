/** Keeps the k best (highest score) entries seen so far in a min-heap: O(log k) per candidate. */
export class TopKHeap {
  private readonly scores: Float64Array;
  private readonly ids: Int32Array;
  private size = 0;

  constructor(private readonly k: number) {
    this.scores = new Float64Array(Math.max(k, 1));
    this.ids = new Int32Array(Math.max(k, 1));
  }

  /** The most entries kept. */
  get capacity(): number {
    return this.k;
  }

  /** Empties the heap, keeping its buffers for reuse. */
  clear(): void {
    this.size = 0;
  }

  /** How many entries are kept (at most k). */
  get length(): number {
    return this.size;
  }

  /** The score a candidate must beat to enter (−Infinity until the heap is full). */
  get threshold(): number {
    return this.size < this.k ? -Infinity : this.scores[0];
  }

  /** Offers a candidate; kept only if it is among the k best so far. */
  push(id: number, score: number): void {
    if (this.k === 0) return;
    if (this.size < this.k) {
      this.scores[this.size] = score;
      this.ids[this.size] = id;
      this.siftUp(this.size++);
    } else if (score > this.scores[0]) {
      this.scores[0] = score;
      this.ids[0] = id;
      this.siftDown(0);
    }
  }

  /** The kept entries, best first. */
  sorted(): { id: number; score: number }[] {
    const out = Array.from({ length: this.size }, (_, i) => ({
      id: this.ids[i],
      score: this.scores[i],
    }));
    return out.sort((a, b) => b.score - a.score || a.id - b.id);
  }

  /**
   * Empties the heap and returns its entries best first, as views of its own buffers (valid until the next
   * push): no allocation, for hot loops. Ties come in no particular order.
   */
  drainSorted(): { ids: Int32Array; scores: Float64Array } {
    const count = this.size;
    // Heapsort: moving the current minimum behind the shrinking heap leaves the buffers best first.
    while (this.size > 1) {
      const last = --this.size;
      const score = this.scores[last];
      const id = this.ids[last];
      this.scores[last] = this.scores[0];
      this.ids[last] = this.ids[0];
      this.scores[0] = score;
      this.ids[0] = id;
      this.siftDown(0);
    }
    this.size = 0;
    return { ids: this.ids.subarray(0, count), scores: this.scores.subarray(0, count) };
  }

  // Both sifts move a hole instead of swapping: half the writes, no temporary arrays.
  private siftUp(i: number): void {
    const score = this.scores[i];
    const id = this.ids[i];
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.scores[parent] <= score) break;
      this.scores[i] = this.scores[parent];
      this.ids[i] = this.ids[parent];
      i = parent;
    }
    this.scores[i] = score;
    this.ids[i] = id;
  }

  private siftDown(i: number): void {
    const score = this.scores[i];
    const id = this.ids[i];
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && this.scores[child + 1] < this.scores[child]) child++;
      if (this.scores[child] >= score) break;
      this.scores[i] = this.scores[child];
      this.ids[i] = this.ids[child];
      i = child;
    }
    this.scores[i] = score;
    this.ids[i] = id;
  }
}
