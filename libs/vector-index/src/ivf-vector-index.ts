import { dotProduct } from './dot-product';
import type { L2Space } from './l2-space';
import { scoreRows } from './metric-score';
import type { Centroids } from './nearest-centroid';
import { TopKHeap } from './top-k-heap';
import type { SearchHit, VectorIndex, VectorMetric } from './vector-index';

/** The stored form of an IVF index: rows grouped by list, in the Euclidean space of `L2Space`. */
export interface InvertedLists {
  space: Pick<L2Space, 'dim' | 'mapQuery'>;
  /** One centroid per list, in the mapped space. */
  centroids: Centroids;
  /** List l holds stored positions offsets[l] .. offsets[l+1]. */
  offsets: Int32Array;
  /** Original row index of each stored position. */
  rows: Int32Array;
  /** [size, space.dim] mapped vectors in list order, so a list is one contiguous scan. */
  vectors: Float32Array;
  squaredNorms: Float32Array;
}

export interface IvfSearchOptions {
  /** Lists scanned per query, nearest centroid first; more lists: higher recall, slower search. */
  probeCount: number;
}

/**
 * Inverted-file index: a query ranks the list centroids and scans the `probeCount` nearest lists exactly.
 * When `exclude` rejects so many rows that fewer than k remain, it goes on scanning the next-nearest lists.
 */
export class IvfVectorIndex implements VectorIndex {
  readonly size: number;

  /** `original` is the table the lists were built from; hits are scored exactly on it. */
  constructor(
    private readonly original: { vectors: Float32Array; dim: number; metric: VectorMetric },
    private readonly lists: InvertedLists,
    private readonly options: IvfSearchOptions,
  ) {
    this.size = lists.rows.length;
  }

  get dim(): number {
    return this.original.dim;
  }

  get metric(): VectorMetric {
    return this.original.metric;
  }

  get listCount(): number {
    return this.lists.centroids.count;
  }

  /** The k rows that score highest for `query` ([dim]), skipping rows for which `exclude` is true. */
  search(query: Float32Array, k: number, exclude?: (index: number) => boolean): SearchHit[] {
    const wanted = Math.max(0, Math.min(k, this.size));
    if (wanted === 0) return [];
    const mapped = this.lists.space.mapQuery(query);
    const heap = new TopKHeap(wanted);
    const order = this.nearestLists(mapped, Math.min(this.options.probeCount, this.listCount));
    for (const list of order) this.scanList(list, { mapped, heap, exclude });
    if (heap.length < wanted) {
      for (const list of this.nearestLists(mapped, this.listCount).slice(order.length)) {
        this.scanList(list, { mapped, heap, exclude });
        if (heap.length === wanted) break;
      }
    }
    const rows = heap.sorted().map((hit) => hit.id);
    return scoreRows(this.original, query, rows);
  }

  /** The `count` lists whose centroids are nearest to the mapped query, nearest first. */
  private nearestLists(mapped: Float32Array, count: number): number[] {
    const { vectors, squaredNorms, dim } = this.lists.centroids;
    const heap = new TopKHeap(count);
    for (let c = 0; c < this.listCount; c++) {
      heap.push(c, 2 * dotProduct(mapped, 0, vectors, c * dim, dim) - squaredNorms[c]);
    }
    return heap.sorted().map((entry) => entry.id);
  }

  private scanList(list: number, scan: ListScan): void {
    const { vectors, squaredNorms, rows, offsets, space } = this.lists;
    const { mapped, heap, exclude } = scan;
    const dim = space.dim;
    for (let position = offsets[list]; position < offsets[list + 1]; position++) {
      // 2·q·x − |x|² ranks like −|q − x|²: |q|² is the same for every row.
      const key = 2 * dotProduct(mapped, 0, vectors, position * dim, dim) - squaredNorms[position];
      if (key > heap.threshold && !(exclude && exclude(rows[position])))
        heap.push(rows[position], key);
    }
  }
}

interface ListScan {
  mapped: Float32Array;
  heap: TopKHeap;
  exclude?: (index: number) => boolean;
}
