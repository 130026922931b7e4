/**
 * Keeps the K best (score, item) pairs seen so far in a min-heap: offering costs one comparison once
 * the heap is full and the score is below the current K-th best, which is the common case.
 * Ties keep the earlier-offered item (items are offered in ascending index order).
 */
export class TopKHeap {
  private readonly scores: Float64Array;
  private readonly items: Int32Array;
  private size = 0;

  constructor(readonly k: number) {
    this.scores = new Float64Array(k);
    this.items = new Int32Array(k);
  }

  /** Score a candidate must beat to enter (−Infinity while the heap is not full). */
  threshold(): number {
    return this.size < this.k ? -Infinity : this.scores[0];
  }

  /** Offers an item; callers may skip the call when `score <= threshold()`. */
  offer(score: number, item: number): void {
    if (this.size < this.k) {
      this.scores[this.size] = score;
      this.items[this.size] = item;
      this.siftUp(this.size++);
    } else if (score > this.scores[0]) {
      this.scores[0] = score;
      this.items[0] = item;
      this.siftDown(0);
    }
  }

  /** Writes the items best first into `out` (length k; -1 fills unused slots) and empties the heap. */
  drainInto(out: Int32Array): void {
    out.fill(-1);
    const order = Array.from({ length: this.size }, (_, i) => i);
    order.sort((a, b) => this.scores[b] - this.scores[a] || this.items[a] - this.items[b]);
    for (let i = 0; i < order.length; i++) out[i] = this.items[order[i]];
    this.size = 0;
  }

  private lower(a: number, b: number): boolean {
    // The root is the entry to evict first: lowest score, and among equal scores the latest item.
    const diff = this.scores[a] - this.scores[b];
    return diff < 0 || (diff === 0 && this.items[a] > this.items[b]);
  }

  private siftUp(index: number): void {
    let child = index;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (!this.lower(child, parent)) return;
      this.swap(child, parent);
      child = parent;
    }
  }

  private siftDown(index: number): void {
    let parent = index;
    for (;;) {
      const left = 2 * parent + 1;
      if (left >= this.size) return;
      const right = left + 1;
      const child = right < this.size && this.lower(right, left) ? right : left;
      if (!this.lower(child, parent)) return;
      this.swap(child, parent);
      parent = child;
    }
  }

  private swap(a: number, b: number): void {
    const score = this.scores[a];
    this.scores[a] = this.scores[b];
    this.scores[b] = score;
    const item = this.items[a];
    this.items[a] = this.items[b];
    this.items[b] = item;
  }
}
