import { CandidateQueue } from './candidate-queue';
import { dotProduct } from './dot-product';
import { greedyClosest, searchLayer, type GraphSearchContext } from './hnsw-search-layer';
import type { L2Space } from './l2-space';
import { scoreRows, type VectorTable } from './metric-score';
import { TopKHeap } from './top-k-heap';
import type { SearchHit, VectorIndex, VectorMetric } from './vector-index';
import { VisitedSet } from './visited-set';

/** What a build hands over: the graph and the vectors it links, in the space the graph was built in. */
export interface BuiltGraph extends Pick<
  GraphSearchContext,
  'graph' | 'vectors' | 'squaredNorms' | 'dim'
> {
  mapQuery: L2Space['mapQuery'];
}

export interface HnswSearchOptions {
  /** Beam width at query time (at least k is used): higher finds more true neighbours, slower. */
  efSearch: number;
}

/**
 * Approximate nearest neighbours on an HNSW graph. `exclude` filters results, not the walk: excluded nodes
 * still lead to others, and the beam keeps going until it holds k accepted nodes. If the walk cannot reach
 * k of them, an exact scan answers instead, so the result size always equals the exact index's.
 */
export class HnswVectorIndex implements VectorIndex {
  readonly size: number;
  private readonly context: GraphSearchContext;
  private readonly mapQuery: (query: Float32Array) => Float32Array;

  constructor(
    private readonly original: VectorTable,
    built: BuiltGraph,
    readonly options: HnswSearchOptions,
  ) {
    const { graph, vectors, squaredNorms, dim } = built;
    this.size = graph.size;
    const scratch = { visited: new VisitedSet(this.size), candidates: new CandidateQueue() };
    this.context = { graph, vectors, squaredNorms, dim, ...scratch, distanceCount: 0 };
    this.mapQuery = built.mapQuery;
  }

  get dim(): number {
    return this.original.dim;
  }

  get metric(): VectorMetric {
    return this.original.metric;
  }

  /** The k rows that score highest for `query` ([dim]), skipping rows for which `exclude` is true. */
  search(query: Float32Array, k: number, exclude?: (index: number) => boolean): SearchHit[] {
    const wanted = Math.max(0, Math.min(k, this.size));
    if (wanted === 0) return [];
    const vector = this.mapQuery(query);
    const point = {
      vector,
      offset: 0,
      squaredNorm: dotProduct(vector, 0, vector, 0, vector.length),
    };
    const { graph } = this.context;
    let entry = graph.entryPoint;
    for (let level = graph.topLevel; level > 0; level--) {
      entry = greedyClosest(this.context, point, { entry, level });
    }
    const accept = exclude ? (node: number) => !exclude(node) : undefined;
    const ef = Math.max(this.options.efSearch, wanted);
    let found = searchLayer(this.context, point, { entry, ef, level: 0, accept });
    if (found.length < wanted) found = this.scanAll(point.vector, ef, accept);
    const rows = found
      .sorted()
      .slice(0, wanted)
      .map((hit) => hit.id);
    return scoreRows(this.original, query, rows);
  }

  private scanAll(vector: Float32Array, ef: number, accept?: (node: number) => boolean): TopKHeap {
    const { vectors, squaredNorms, dim } = this.context;
    const heap = new TopKHeap(ef);
    for (let node = 0; node < this.size; node++) {
      const key = 2 * dotProduct(vector, 0, vectors, node * dim, dim) - squaredNorms[node];
      if (key > heap.threshold && (!accept || accept(node))) heap.push(node, key);
    }
    return heap;
  }
}
