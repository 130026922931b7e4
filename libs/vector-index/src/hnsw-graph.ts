/** The graph's arrays: plain typed arrays that a worker thread can transfer without a copy. */
export interface HnswGraphParts {
  /** Highest level of each node. */
  levels: Uint8Array;
  /** Level-0 lists, node after node, `baseLinks + 1` ints each. */
  base: Int32Array;
  /** Lists of levels 1.. of the few nodes that have them, `links + 1` ints per level. */
  upper: Int32Array;
  /** Where each node's upper lists start in `upper`. */
  upperStart: Int32Array;
  links: number;
  baseLinks: number;
  entryPoint: number;
  topLevel: number;
}

/**
 * The links of a hierarchical navigable small-world graph (Malkov & Yashunin). Level 0 holds every node
 * with up to `baseLinks` neighbours in one flat array; the few nodes on higher levels (1 in `links` per
 * level) keep up to `links` neighbours per level in a second flat array. Each neighbour list is stored
 * as [count, id, id, ...].
 */
export class HnswGraph {
  readonly levels: Uint8Array;
  readonly base: Int32Array;
  readonly links: number;
  readonly baseLinks: number;
  private readonly upper: Int32Array;
  private readonly upperStart: Int32Array;
  entryPoint: number;
  topLevel: number;

  constructor(parts: HnswGraphParts) {
    ({ levels: this.levels, base: this.base, upper: this.upper } = parts);
    ({ upperStart: this.upperStart, links: this.links, baseLinks: this.baseLinks } = parts);
    this.entryPoint = parts.entryPoint;
    this.topLevel = parts.topLevel;
  }

  /** An empty graph whose node `n` will live on levels 0 .. levels[n]. */
  static empty(levels: Uint8Array, links: number): HnswGraph {
    const upperStart = new Int32Array(levels.length);
    let upperSize = 0;
    for (let node = 0; node < levels.length; node++) {
      upperStart[node] = upperSize;
      upperSize += levels[node] * (links + 1);
    }
    const baseLinks = 2 * links;
    return new HnswGraph({
      levels,
      base: new Int32Array(levels.length * (baseLinks + 1)),
      upper: new Int32Array(upperSize),
      upperStart,
      links,
      baseLinks,
      entryPoint: -1,
      topLevel: -1,
    });
  }

  get size(): number {
    return this.levels.length;
  }

  /** The arrays and entry point (shared with this graph, not copied). */
  get parts(): HnswGraphParts {
    const { levels, base, upper, upperStart, links, baseLinks, entryPoint, topLevel } = this;
    return { levels, base, upper, upperStart, links, baseLinks, entryPoint, topLevel };
  }

  /** The array holding `node`'s list at `level`; read it from `listOffset(node, level)`. */
  listArray(level: number): Int32Array {
    return level === 0 ? this.base : this.upper;
  }

  /** Where `node`'s list at `level` starts in `listArray(level)` (the count, then the ids). */
  listOffset(node: number, level: number): number {
    return level === 0
      ? node * (this.baseLinks + 1)
      : this.upperStart[node] + (level - 1) * (this.links + 1);
  }

  /** Most neighbours a node keeps at `level`. */
  capacity(level: number): number {
    return level === 0 ? this.baseLinks : this.links;
  }

  /** Replaces `node`'s list at `level` with `ids` (at most `capacity(level)` of them). */
  setNeighbours(node: number, level: number, ids: ArrayLike<number>): void {
    const array = this.listArray(level);
    const offset = this.listOffset(node, level);
    const count = Math.min(ids.length, this.capacity(level));
    array[offset] = count;
    for (let i = 0; i < count; i++) array[offset + 1 + i] = ids[i];
  }
}
