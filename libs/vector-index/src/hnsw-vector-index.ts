import { CandidateQueue } from './candidate-queue';
import { dotProduct } from './dot-product';
import { HnswGraph, type HnswGraphParts } from './hnsw-graph';
import { greedyClosest, searchLayer, type GraphSearchContext } from './hnsw-search-layer';
import { KernelMemory, type KernelLayout } from './kernel-memory';
import { mapQuery } from './l2-space';
import { scoreRows, type VectorTable } from './metric-score';
import { scanAllRows } from './scan-all-rows';
import type { SearchHit, VectorIndex, VectorMetric } from './vector-index';
import { VisitedSet } from './visited-set';

/** Everything an HNSW index is made of, as transferable parts (see index-parts.ts). */
export interface HnswIndexParts {
  kind: 'hnsw';
  metric: VectorMetric;
  dim: number;
  /** Shared memory with one block: the graph's rows in its space, and their squared norms. */
  memory: WebAssembly.Memory;
  layout: KernelLayout;
  graph: HnswGraphParts;
  efSearch: number;
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
  readonly options: HnswSearchOptions;
  private readonly context: GraphSearchContext;

  /** `original`: the table the graph was built from (hits are scored exactly on it). */
  constructor(
    private readonly original: VectorTable,
    private readonly built: Omit<HnswIndexParts, 'kind' | 'metric' | 'dim'>,
  ) {
    const memory = KernelMemory.attach(built.memory, built.layout);
    const graph = new HnswGraph(built.graph);
    const block = memory.block(0);
    this.size = graph.size;
    this.options = { efSearch: built.efSearch };
    this.context = {
      graph,
      memory,
      block,
      squaredNorms: memory.norms(block),
      visited: new VisitedSet(this.size),
      candidates: new CandidateQueue(),
      results: null,
      distanceCount: 0,
    };
  }

  get dim(): number {
    return this.original.dim;
  }

  get metric(): VectorMetric {
    return this.original.metric;
  }

  /** The index as transferable parts (shares the memory and arrays; nothing is copied). */
  toParts(): HnswIndexParts {
    const { metric, dim } = this;
    const { memory, layout, graph, efSearch } = this.built;
    return { kind: 'hnsw', metric, dim, memory, layout, graph, efSearch };
  }

  /** The k rows that score highest for `query` ([dim]), skipping rows for which `exclude` is true. */
  search(query: Float32Array, k: number, exclude?: (index: number) => boolean): SearchHit[] {
    const wanted = Math.max(0, Math.min(k, this.size));
    if (wanted === 0) return [];
    const { context } = this;
    const vector = mapQuery(this.metric, query);
    const point = {
      at: context.memory.loadQuery(vector),
      squaredNorm: dotProduct(vector, 0, vector, 0, vector.length),
    };
    let entry = context.graph.entryPoint;
    for (let level = context.graph.topLevel; level > 0; level--) {
      entry = greedyClosest(context, point, { entry, level });
    }
    const accept = exclude ? (node: number) => !exclude(node) : undefined;
    const ef = Math.max(this.options.efSearch, wanted);
    let found = searchLayer(context, point, { entry, ef, level: 0, accept });
    if (found.length < wanted) {
      found = scanAllRows({ memory: context.memory, block: context.block }, point.at, { k: ef, accept }); // prettier-ignore
    }
    const rows = found
      .sorted()
      .slice(0, wanted)
      .map((hit) => hit.id);
    return scoreRows(this.original, query, rows);
  }
}
