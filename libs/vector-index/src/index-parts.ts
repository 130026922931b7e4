import { DomainError } from '@recsys/domain';
import { ExactVectorIndex, type ExactIndexParts } from './exact-vector-index';
import { HnswVectorIndex, type HnswIndexParts } from './hnsw-vector-index';
import { IvfVectorIndex, type IvfIndexParts } from './ivf-vector-index';
import type { VectorTable } from './metric-score';
import { ShardedVectorIndex, type ShardedIndexParts } from './sharded-vector-index';
import type { VectorIndex } from './vector-index';

/**
 * A built index as plain parts: a shared WebAssembly memory (the stored vectors) plus typed arrays and
 * numbers. Posting them to another thread copies nothing when the arrays are listed as transferables
 * (`transferablesOf`); `indexFromParts` turns them back into an index there without redoing any work.
 */
export type IndexParts = ExactIndexParts | HnswIndexParts | IvfIndexParts | ShardedIndexParts;

/** The parts of an index made by this lib (they share its memory and arrays). */
export function toIndexParts(index: VectorIndex): IndexParts {
  if (
    index instanceof ExactVectorIndex ||
    index instanceof HnswVectorIndex ||
    index instanceof IvfVectorIndex ||
    index instanceof ShardedVectorIndex
  ) {
    return index.toParts();
  }
  throw new DomainError(
    'INDEX_NOT_TRANSFERABLE',
    'only indexes of @recsys/vector-index have parts',
  );
}

/**
 * The array buffers to transfer with `parts` (shared memory is shared, never listed). Transferring
 * detaches them from the index the parts came from: do it only for an index that is not used again (the
 * worker that built it); to search a live index from another thread, post the parts without transfers
 * (its arrays are copied, its vectors shared) and rebuild it there with `indexFromParts`.
 */
export function transferablesOf(parts: IndexParts): ArrayBuffer[] {
  if (parts.kind === 'sharded') {
    return [...new Set(parts.shards.flatMap((shard) => transferablesOf(shard.parts)))];
  }
  const arrays: ArrayBufferView[] =
    parts.kind === 'hnsw'
      ? [parts.graph.levels, parts.graph.base, parts.graph.upper, parts.graph.upperStart]
      : parts.kind === 'ivf'
        ? [
            parts.offsets,
            parts.rows,
            parts.quantizer.scale,
            parts.quantizer.offset,
            parts.quantizer.inverseScale,
          ]
        : [];
  // By tag, not instanceof: typed arrays may come from another realm (a vm context, jest).
  const isShared = (buffer: ArrayBufferLike) => Object.prototype.toString.call(buffer) === '[object SharedArrayBuffer]'; // prettier-ignore
  const buffers = arrays.map((array) => array.buffer).filter((buffer) => !isShared(buffer));
  return [...new Set(buffers as ArrayBuffer[])];
}

/**
 * The index the parts were taken from, searching `table` (the same vectors it was built from, on this
 * thread: hits are scored exactly on them). Only adds a scratch page to the shared memory.
 */
export function indexFromParts(parts: IndexParts, table: VectorTable): VectorIndex {
  const rows = Math.floor(table.vectors.length / table.dim);
  const partsRows = rowsOf(parts);
  if (parts.dim !== table.dim || parts.metric !== table.metric || partsRows !== rows) {
    throw new DomainError('INDEX_PARTS_MISMATCH', 'the parts were built from another table', {
      parts: { dim: parts.dim, metric: parts.metric, rows: partsRows },
      table: { dim: table.dim, metric: table.metric, rows },
    });
  }
  if (parts.kind === 'hnsw') return new HnswVectorIndex(table, parts);
  if (parts.kind === 'ivf') return new IvfVectorIndex(table, parts);
  if (parts.kind === 'exact') return new ExactVectorIndex(table.vectors, table.dim, table.metric, parts); // prettier-ignore
  const { dim } = table;
  const shards = parts.shards.map(({ start, parts: shard }) => {
    const vectors = table.vectors.subarray(start * dim, (start + rowsOf(shard)) * dim);
    return { start, index: indexFromParts(shard, { ...table, vectors }) as ShardIndex };
  });
  return new ShardedVectorIndex(shards);
}

type ShardIndex = ExactVectorIndex | HnswVectorIndex | IvfVectorIndex | ShardedVectorIndex;

/** How many rows the parts index. */
function rowsOf(parts: IndexParts): number {
  if (parts.kind === 'ivf') return parts.rows.length;
  if (parts.kind === 'sharded') return parts.shards.reduce((total, shard) => total + rowsOf(shard.parts), 0); // prettier-ignore
  return parts.layout.blocks[0].count;
}
