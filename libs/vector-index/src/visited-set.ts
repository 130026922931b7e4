/** A set of node ids that empties in O(1): a node is in it when its mark equals the current epoch. */
export class VisitedSet {
  private readonly marks: Uint32Array;
  private epoch = 0;

  constructor(size: number) {
    this.marks = new Uint32Array(size);
  }

  /** Empties the set. */
  clear(): void {
    if (++this.epoch === 0xffffffff) {
      this.marks.fill(0);
      this.epoch = 1;
    }
  }

  /** Adds `id`; returns false when it was already there. */
  add(id: number): boolean {
    if (this.marks[id] === this.epoch) return false;
    this.marks[id] = this.epoch;
    return true;
  }
}
