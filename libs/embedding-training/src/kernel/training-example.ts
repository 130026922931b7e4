/**
 * One (user, liked item) pair and its negatives, reused for every example of a thread (mutated in place,
 * so the hot loop allocates nothing).
 */
export class TrainingExample {
  user = 0;
  positive = 0;
  /** Loss weight of the pair (event-type weight, or the explicit-triplet weight). */
  weight = 1;
  /** Item indices; the first `negativeCount` are in use. */
  readonly negatives: Int32Array;
  negativeCount = 0;

  /** `storage`: where to keep the negatives (e.g. a fused step's slots in the shared memory). */
  constructor(capacity: number, storage?: Int32Array) {
    this.negatives = storage ?? new Int32Array(capacity);
  }

  /** Appends a negative (ignored when full). */
  addNegative(item: number): void {
    if (this.negativeCount < this.negatives.length) this.negatives[this.negativeCount++] = item;
  }
}
