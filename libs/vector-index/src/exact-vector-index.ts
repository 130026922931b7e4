import { dotProduct, squaredRowNorms } from './dot-product';
import { scoreRows } from './metric-score';
import { TopKHeap } from './top-k-heap';
import type { SearchHit, VectorIndex, VectorMetric } from './vector-index';

export type { SearchHit, VectorMetric } from './vector-index';

/** Brute-force nearest neighbours over a row-major table: exact, and fast enough for small catalogues. */
export class ExactVectorIndex implements VectorIndex {
  /** Ranking key per row = q·x * dotWeight[row] − bias[row]: one multiply-add ranks every metric. */
  private readonly dotWeight: Float32Array;
  private readonly bias: Float32Array;
  readonly size: number;

  /** `vectors`: [size, dim] row-major. */
  constructor(
    private readonly vectors: Float32Array,
    readonly dim: number,
    readonly metric: VectorMetric,
  ) {
    this.size = Math.floor(vectors.length / dim);
    const squaredNorms = squaredRowNorms(vectors, dim);
    this.dotWeight = new Float32Array(this.size);
    this.bias = new Float32Array(this.size);
    for (let row = 0; row < this.size; row++) {
      // neg-l2 ranks by 2·q·x − |x|² (|q|² is the same for every row); cosine by q·x / |x|.
      const norm = Math.sqrt(squaredNorms[row]) || 1;
      this.dotWeight[row] = metric === 'neg-l2' ? 2 : metric === 'cosine' ? 1 / norm : 1;
      this.bias[row] = metric === 'neg-l2' ? squaredNorms[row] : 0;
    }
  }

  /** The k rows that score highest for `query` ([dim]), skipping rows for which `exclude` is true. */
  search(query: Float32Array, k: number, exclude?: (index: number) => boolean): SearchHit[] {
    const { vectors, dim, dotWeight, bias } = this;
    const heap = new TopKHeap(Math.max(0, Math.min(k, this.size)));
    for (let row = 0; row < this.size; row++) {
      const key = dotProduct(query, 0, vectors, row * dim, dim) * dotWeight[row] - bias[row];
      if (key > heap.threshold && !(exclude && exclude(row))) heap.push(row, key);
    }
    const rows = heap.sorted().map((hit) => hit.id);
    return scoreRows({ vectors, dim, metric: this.metric }, query, rows);
  }
}
