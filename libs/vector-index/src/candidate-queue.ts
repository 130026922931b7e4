/** A growable binary min-heap of (id, distance): the nearest unexpanded candidate comes out first. */
export class CandidateQueue {
  private distances = new Float64Array(64);
  private ids = new Int32Array(64);
  private count = 0;

  get length(): number {
    return this.count;
  }

  /** Empties the queue, keeping its buffers for reuse. */
  clear(): void {
    this.count = 0;
  }

  /** The smallest distance in the queue (Infinity when empty). */
  get nearestDistance(): number {
    return this.count === 0 ? Infinity : this.distances[0];
  }

  /** Adds a candidate. */
  push(id: number, distance: number): void {
    if (this.count === this.ids.length) this.grow();
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.distances[parent] <= distance) break;
      this.distances[i] = this.distances[parent];
      this.ids[i] = this.ids[parent];
      i = parent;
    }
    this.distances[i] = distance;
    this.ids[i] = id;
  }

  /** Removes and returns the id of the nearest candidate (call only when not empty). */
  pop(): number {
    const top = this.ids[0];
    const lastDistance = this.distances[--this.count];
    const lastId = this.ids[this.count];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.count) break;
      if (child + 1 < this.count && this.distances[child + 1] < this.distances[child]) child++;
      if (this.distances[child] >= lastDistance) break;
      this.distances[i] = this.distances[child];
      this.ids[i] = this.ids[child];
      i = child;
    }
    this.distances[i] = lastDistance;
    this.ids[i] = lastId;
    return top;
  }

  private grow(): void {
    const distances = new Float64Array(this.ids.length * 2);
    const ids = new Int32Array(this.ids.length * 2);
    distances.set(this.distances);
    ids.set(this.ids);
    this.distances = distances;
    this.ids = ids;
  }
}
