import { TopKHeap } from './top-k-heap';

export type VectorMetric = 'neg-l2' | 'dot' | 'cosine';

export interface SearchHit {
  index: number;
  /** Higher is better: minus the Euclidean distance for neg-l2, the dot product or cosine otherwise. */
  score: number;
}

/** Brute-force nearest neighbours over a row-major table: exact, and fast enough for small catalogues. */
export class ExactVectorIndex {
  private readonly squaredNorms: Float32Array;
  readonly size: number;

  /** `vectors`: [size, dim] row-major. */
  constructor(
    private readonly vectors: Float32Array,
    readonly dim: number,
    readonly metric: VectorMetric,
  ) {
    this.size = Math.floor(vectors.length / dim);
    this.squaredNorms = new Float32Array(this.size);
    for (let row = 0; row < this.size; row++) {
      let sum = 0;
      for (let d = 0, o = row * dim; d < dim; d++) sum += vectors[o + d] * vectors[o + d];
      this.squaredNorms[row] = sum;
    }
  }

  /** The k rows that score highest for `query` ([dim]), skipping rows for which `exclude` is true. */
  search(query: Float32Array, k: number, exclude?: (index: number) => boolean): SearchHit[] {
    const { vectors, dim, squaredNorms } = this;
    let queryNormSquared = 0;
    for (let d = 0; d < dim; d++) queryNormSquared += query[d] * query[d];
    const heap = new TopKHeap(Math.min(k, this.size));
    for (let row = 0; row < this.size; row++) {
      let dot = 0;
      for (let d = 0, o = row * dim; d < dim; d++) dot += query[d] * vectors[o + d];
      const score = this.score(dot, queryNormSquared, squaredNorms[row]);
      if (score > heap.threshold && !(exclude && exclude(row))) heap.push(row, score);
    }
    return heap.sorted().map(({ id, score }) => ({ index: id, score }));
  }

  private score(dot: number, queryNormSquared: number, rowNormSquared: number): number {
    if (this.metric === 'dot') return dot;
    if (this.metric === 'cosine') return dot / (Math.sqrt(queryNormSquared * rowNormSquared) || 1);
    return -Math.sqrt(Math.max(queryNormSquared - 2 * dot + rowNormSquared, 0));
  }
}
