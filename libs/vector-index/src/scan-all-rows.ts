import { KERNEL_BATCH_ROWS, type KernelMemory, type RowBlock } from './kernel-memory';
import { TopKHeap } from './top-k-heap';

/**
 * The k accepted rows of `block` nearest the query at byte address `queryAt`, by a full scan: the answer
 * of last resort when an approximate search cannot find k rows that pass a filter. Scores: −distance.
 */
export function scanAllRows(
  table: { memory: KernelMemory; block: RowBlock },
  queryAt: number,
  search: { k: number; accept?: (row: number) => boolean },
): TopKHeap {
  const { memory, block } = table;
  const { accept } = search;
  const heap = new TopKHeap(search.k);
  for (let first = 0; first < block.count; first += KERNEL_BATCH_ROWS) {
    const count = Math.min(KERNEL_BATCH_ROWS, block.count - first);
    const distances = memory.distances(queryAt, block, { first, count });
    for (let i = 0; i < count; i++) {
      const key = -distances[i];
      if (key > heap.threshold && (!accept || accept(first + i))) heap.push(first + i, key);
    }
  }
  return heap;
}
