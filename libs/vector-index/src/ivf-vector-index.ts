import { KERNEL_BATCH_ROWS, KernelMemory, type KernelLayout, type RowBlock } from './kernel-memory';
import { mapQuery } from './l2-space';
import { scoreRows, type VectorTable } from './metric-score';
import { quantizeQuery, type CodeQuery, type ScalarQuantizer } from './scalar-quantizer';
import { TopKHeap } from './top-k-heap';
import type { SearchHit, VectorIndex, VectorMetric } from './vector-index';

/** Everything an IVF index is made of, as transferable parts (see index-parts.ts). */
export interface IvfIndexParts {
  kind: 'ivf';
  metric: VectorMetric;
  dim: number;
  /** Shared memory: block 0 the list centroids; code block 0 the rows in list order (mapped space). */
  memory: WebAssembly.Memory;
  layout: KernelLayout;
  quantizer: ScalarQuantizer;
  /** List l holds stored positions offsets[l] .. offsets[l+1]. */
  offsets: Int32Array;
  /** Original row index of each stored position. */
  rows: Int32Array;
  /** Lists scanned per query, nearest centroid first; more lists: higher recall, slower search. */
  probeCount: number;
  /** Rows kept per wanted result from the quantised scan, then ranked exactly. */
  rerankFactor: number;
}

/**
 * Inverted-file index over scalar-quantised rows: a query ranks the list centroids, scans the
 * `probeCount` nearest lists on the i8 codes, and ranks the best `rerankFactor`·k of them exactly. When
 * `exclude` rejects so many rows that fewer than k remain, it goes on scanning the next-nearest lists.
 */
export class IvfVectorIndex implements VectorIndex {
  readonly size: number;
  private readonly memory: KernelMemory;
  private readonly centroids: RowBlock;
  private readonly codes: RowBlock;
  private readonly codeNorms: Float32Array;

  /** `original` is the table the lists were built from; hits are scored exactly on it. */
  constructor(
    private readonly original: VectorTable,
    private readonly built: Omit<IvfIndexParts, 'kind' | 'metric' | 'dim'>,
  ) {
    this.memory = KernelMemory.attach(built.memory, built.layout);
    this.centroids = this.memory.block(0);
    this.codes = built.layout.codeBlocks[0];
    this.codeNorms = this.memory.norms(this.codes);
    this.size = built.rows.length;
  }

  get dim(): number {
    return this.original.dim;
  }

  get metric(): VectorMetric {
    return this.original.metric;
  }

  get listCount(): number {
    return this.centroids.count;
  }

  get probeCount(): number {
    return this.built.probeCount;
  }

  /** The index as transferable parts (shares the memory and arrays; nothing is copied). */
  toParts(): IvfIndexParts {
    return { kind: 'ivf', metric: this.metric, dim: this.dim, ...this.built };
  }

  /** The k rows that score highest for `query` ([dim]), skipping rows for which `exclude` is true. */
  search(query: Float32Array, k: number, exclude?: (index: number) => boolean): SearchHit[] {
    const wanted = Math.max(0, Math.min(k, this.size));
    if (wanted === 0) return [];
    const mapped = mapQuery(this.metric, query);
    const queryAt = this.memory.loadQuery(mapped);
    const code = quantizeQuery(this.built.quantizer, mapped);
    this.memory.loadCodeQuery(code.weights);
    const heap = new TopKHeap(wanted * Math.max(1, this.built.rerankFactor));
    const scan = { code, heap, exclude };
    const order = this.nearestLists(queryAt, Math.min(this.built.probeCount, this.listCount));
    for (const list of order) this.scanList(list, scan);
    if (heap.length < wanted) {
      for (const list of this.nearestLists(queryAt, this.listCount).slice(order.length)) {
        this.scanList(list, scan);
        if (heap.length >= wanted) break;
      }
    }
    const candidates = heap.sorted().map((hit) => hit.id);
    return scoreRows(this.original, query, candidates).slice(0, wanted);
  }

  /** The `count` lists whose centroids are nearest to the query, nearest first. */
  private nearestLists(queryAt: number, count: number): number[] {
    const heap = new TopKHeap(count);
    for (let first = 0; first < this.listCount; first += KERNEL_BATCH_ROWS) {
      const batch = Math.min(KERNEL_BATCH_ROWS, this.listCount - first);
      const distances = this.memory.distances(queryAt, this.centroids, { first, count: batch });
      for (let c = 0; c < batch; c++) heap.push(first + c, -distances[c]);
    }
    return heap.sorted().map((entry) => entry.id);
  }

  private scanList(list: number, scan: ListScan): void {
    const { offsets, rows } = this.built;
    const { code, heap, exclude } = scan;
    const { codeNorms } = this;
    const dotScale = 2 * code.scale;
    const dotShift = 2 * code.shift;
    const end = offsets[list + 1];
    for (let first = offsets[list]; first < end; first += KERNEL_BATCH_ROWS) {
      const count = Math.min(KERNEL_BATCH_ROWS, end - first);
      const dots = this.memory.codeDots(this.codes, { first, count });
      let threshold = heap.threshold;
      for (let i = 0; i < count; i++) {
        // 2·q·x̂ − |x̂|² ranks like −|q − x̂|²: |q|² is the same for every row.
        const key = dotScale * dots[i] + dotShift - codeNorms[first + i];
        if (key > threshold && !(exclude && exclude(rows[first + i]))) {
          heap.push(rows[first + i], key);
          threshold = heap.threshold;
        }
      }
    }
  }
}

interface ListScan {
  code: CodeQuery;
  heap: TopKHeap;
  exclude?: (index: number) => boolean;
}
