import { BlockScorer, USER_BLOCK } from './block-scorer';
import { ScoringTables } from './scoring-tables';
import { TopKHeap } from './top-k-heap';

/** One slice of users to rank: their vectors and the items to leave out of each list (CSR, local rows). */
export interface RankingTask {
  /** [userCount, dim] */
  userVectors: Float32Array;
  /** [userCount + 1] */
  excludeOffsets: Int32Array;
  excludeItems: Int32Array;
  k: number;
}

/**
 * Ranks every item for each user of the task and returns the top K per user: [userCount, k], -1 = empty.
 * Pass a `scorer` to reuse its WebAssembly memory across tasks on the same thread.
 */
export function rankTopK(
  tables: ScoringTables,
  task: RankingTask,
  scorer = new BlockScorer(tables),
): Int32Array {
  const { dim, paddedItemCount } = tables;
  const userCount = task.userVectors.length / dim;
  const ranked = new Int32Array(userCount * task.k);
  const heap = new TopKHeap(task.k);
  for (let first = 0; first < userCount; first += USER_BLOCK) {
    const rows = Math.min(USER_BLOCK, userCount - first);
    const dots = scorer.score(task.userVectors.subarray(first * dim, (first + rows) * dim));
    for (let r = 0; r < rows; r++) {
      const own = dots.subarray(r * paddedItemCount, (r + 1) * paddedItemCount);
      const user = first + r;
      for (let e = task.excludeOffsets[user]; e < task.excludeOffsets[user + 1]; e++) {
        own[task.excludeItems[e]] = -Infinity;
      }
      selectTopK(tables, own, heap);
      heap.drainInto(ranked.subarray(user * task.k, (user + 1) * task.k));
    }
  }
  return ranked;
}

/** Offers every item scoring above the heap's threshold; score = scale * dot + bias. */
function selectTopK(tables: ScoringTables, dots: Float32Array, heap: TopKHeap): void {
  const { scale, itemBias } = tables;
  let threshold = -Infinity;
  for (let i = 0; i < dots.length; i++) {
    const score = scale * dots[i] + itemBias[i];
    if (score > threshold) {
      heap.offer(score, i);
      threshold = heap.threshold();
    }
  }
}
