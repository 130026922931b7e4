import { KernelMemory, type KernelLayout, type RowBlock } from './kernel-memory';
import { mapQuery, searchMapping } from './l2-space';
import { scoreRows } from './metric-score';
import { scanAllRows } from './scan-all-rows';
import { runStepsNow } from './build-steps';
import { storeRows } from './store-rows';
import type { SearchHit, VectorIndex, VectorMetric } from './vector-index';

export type { SearchHit, VectorMetric } from './vector-index';

/** An exact index as transferable parts (see index-parts.ts). */
export interface ExactIndexParts {
  kind: 'exact';
  metric: VectorMetric;
  dim: number;
  /** Shared memory with one block: the rows in the search space (see searchMapping). */
  memory: WebAssembly.Memory;
  layout: KernelLayout;
}

/** Brute-force nearest neighbours over a row-major table: exact, and fast enough for small catalogues. */
export class ExactVectorIndex implements VectorIndex {
  readonly size: number;
  private readonly memory: KernelMemory;
  private readonly block: RowBlock;
  private readonly built: { memory: WebAssembly.Memory; layout: KernelLayout };

  /** `vectors`: [size, dim] row-major; `built`: the rows already in kernel memory (from parts). */
  constructor(
    private readonly vectors: Float32Array,
    readonly dim: number,
    readonly metric: VectorMetric,
    built?: { memory: WebAssembly.Memory; layout: KernelLayout },
  ) {
    this.size = Math.floor(vectors.length / dim);
    this.built = built ?? storeSearchRows({ vectors, dim, metric }, this.size);
    this.memory = KernelMemory.attach(this.built.memory, this.built.layout);
    this.block = this.memory.block(0);
  }

  /** The index as transferable parts (shares the memory; nothing is copied). */
  toParts(): ExactIndexParts {
    return { kind: 'exact', metric: this.metric, dim: this.dim, ...this.built };
  }

  /** The k rows that score highest for `query` ([dim]), skipping rows for which `exclude` is true. */
  search(query: Float32Array, k: number, exclude?: (index: number) => boolean): SearchHit[] {
    const queryAt = this.memory.loadQuery(mapQuery(this.metric, query));
    const accept = exclude ? (row: number) => !exclude(row) : undefined;
    const table = { memory: this.memory, block: this.block };
    const heap = scanAllRows(table, queryAt, { k: Math.max(0, Math.min(k, this.size)), accept });
    const rows = heap.sorted().map((hit) => hit.id);
    return scoreRows({ vectors: this.vectors, dim: this.dim, metric: this.metric }, query, rows);
  }
}

function storeSearchRows(
  table: { vectors: Float32Array; dim: number; metric: VectorMetric },
  size: number,
): { memory: WebAssembly.Memory; layout: KernelLayout } {
  const mapping = searchMapping(table);
  const memory = KernelMemory.create(mapping.dim, [size]);
  runStepsNow(storeRows(memory, memory.block(0), mapping));
  return { memory: memory.memory, layout: memory.layout };
}
