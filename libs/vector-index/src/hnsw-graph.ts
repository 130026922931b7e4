/**
 * The links of a hierarchical navigable small-world graph (Malkov & Yashunin). Level 0 holds every node
 * with up to `baseLinks` neighbours in one flat array; the few nodes on higher levels (1 in `links` per
 * level) keep up to `links` neighbours per level in a small array of their own. Each neighbour list is
 * stored as [count, id, id, ...].
 */
export class HnswGraph {
  readonly base: Int32Array;
  private readonly upper: (Int32Array | undefined)[];
  entryPoint = -1;
  topLevel = -1;

  /** `levels[node]` is the highest level of each node. */
  constructor(
    readonly levels: Uint8Array,
    readonly links: number,
    readonly baseLinks: number,
  ) {
    this.base = new Int32Array(levels.length * (baseLinks + 1));
    this.upper = Array.from(levels, (level) =>
      level > 0 ? new Int32Array(level * (links + 1)) : undefined,
    );
  }

  get size(): number {
    return this.levels.length;
  }

  /** The array holding `node`'s list at `level`; read it from `listOffset(node, level)`. */
  listArray(node: number, level: number): Int32Array {
    return level === 0 ? this.base : (this.upper[node] as Int32Array);
  }

  /** Where `node`'s list at `level` starts in `listArray(node, level)` (the count, then the ids). */
  listOffset(node: number, level: number): number {
    return level === 0 ? node * (this.baseLinks + 1) : (level - 1) * (this.links + 1);
  }

  /** Most neighbours a node keeps at `level`. */
  capacity(level: number): number {
    return level === 0 ? this.baseLinks : this.links;
  }

  /** The neighbour ids of `node` at `level` (a copy). */
  neighbours(node: number, level: number): number[] {
    const array = this.listArray(node, level);
    const offset = this.listOffset(node, level);
    return Array.from(array.subarray(offset + 1, offset + 1 + array[offset]));
  }

  /** Replaces `node`'s list at `level` with `ids` (at most `capacity(level)` of them). */
  setNeighbours(node: number, level: number, ids: ArrayLike<number>): void {
    const array = this.listArray(node, level);
    const offset = this.listOffset(node, level);
    const count = Math.min(ids.length, this.capacity(level));
    array[offset] = count;
    for (let i = 0; i < count; i++) array[offset + 1 + i] = ids[i];
  }
}
