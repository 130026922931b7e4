/**
 * Each user's items as a sorted CSR list (user u owns items[offsets[u]..offsets[u+1])), so "did u like i?"
 * is a binary search over u's items only: no hashing, no allocation, and cheap to copy into a worker.
 */
export class UserItemSet {
  constructor(
    readonly offsets: Int32Array,
    readonly items: Int32Array,
  ) {}

  /** Builds the set from parallel (user, item) arrays; duplicates are kept once. */
  static fromPairs(pairs: {
    users: Int32Array;
    items: Int32Array;
    userCount: number;
  }): UserItemSet {
    const { users, items, userCount } = pairs;
    const counts = new Int32Array(userCount + 1);
    for (let k = 0; k < users.length; k++) counts[users[k] + 1]++;
    for (let u = 0; u < userCount; u++) counts[u + 1] += counts[u];
    const cursor = counts.slice(0, userCount);
    const sorted = new Int32Array(users.length);
    for (let k = 0; k < users.length; k++) sorted[cursor[users[k]]++] = items[k];
    return UserItemSet.compact(counts, sorted, userCount);
  }

  private static compact(offsets: Int32Array, items: Int32Array, userCount: number): UserItemSet {
    const outOffsets = new Int32Array(userCount + 1);
    let write = 0;
    for (let u = 0; u < userCount; u++) {
      const row = items.subarray(offsets[u], offsets[u + 1]).sort();
      for (let k = 0; k < row.length; k++) {
        if (k === 0 || row[k] !== row[k - 1]) items[write++] = row[k];
      }
      outOffsets[u + 1] = write;
    }
    return new UserItemSet(outOffsets, items.slice(0, write));
  }

  /** True when `item` is in `user`'s list. */
  has(user: number, item: number): boolean {
    let low = this.offsets[user];
    let high = this.offsets[user + 1] - 1;
    const items = this.items;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const value = items[mid];
      if (value === item) return true;
      if (value < item) low = mid + 1;
      else high = mid - 1;
    }
    return false;
  }

  /** How many items `user` has. */
  countOf(user: number): number {
    return this.offsets[user + 1] - this.offsets[user];
  }

  /** The k-th item of `user` (0 <= k < countOf(user)). */
  itemAt(user: number, k: number): number {
    return this.items[this.offsets[user] + k];
  }
}
