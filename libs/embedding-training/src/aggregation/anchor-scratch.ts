import type { TrainOptions } from '../train-options';

/** Geometries per thread that set anchors (the kernel's, the sampler's, the example builder's) + 1 spare. */
export const ANCHOR_ROWS_PER_THREAD = 4;

type ScratchOptions = Pick<TrainOptions, 'threads' | 'userAggregation' | 'userAggregationMode'>;

/** True when training scores users as the mix the export serves (see `BehaviourAnchor`). */
export function trainsWithAggregation(
  options: Pick<ScratchOptions, 'userAggregation' | 'userAggregationMode'>,
): boolean {
  return options.userAggregationMode === 'train' && options.userAggregation > 0;
}

/** Scratch rows to allocate after the user table: a block per thread, none without train-time aggregation. */
export function anchorScratchRows(options: ScratchOptions): number {
  return trainsWithAggregation(options) ? options.threads * ANCHOR_ROWS_PER_THREAD : 0;
}

/**
 * Claims the next thread's block of scratch rows (`claimed` counts blocks across threads; shared memory
 * when the threads are workers). Returns the block's first row index in the anchor table.
 */
export function claimAnchorBlock(
  claimed: Int32Array,
  layout: { userCount: number; scratchRows: number },
): { first: number; count: number } {
  const block = Atomics.add(claimed, 0, 1);
  const first = layout.userCount + block * ANCHOR_ROWS_PER_THREAD;
  if (first + ANCHOR_ROWS_PER_THREAD > layout.userCount + layout.scratchRows) {
    throw new Error('train-time aggregation: more threads than scratch row blocks');
  }
  return { first, count: ANCHOR_ROWS_PER_THREAD };
}
