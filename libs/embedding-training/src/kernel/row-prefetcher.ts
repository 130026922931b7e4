import type { UserItemSet } from '../data/user-item-set';
import type { GatheredBatch } from './gathered-batch';
import type { TrainingExample } from './training-example';

/** Floats per 64-byte cache line. */
const FLOATS_PER_LINE = 16;

/**
 * Software prefetching for a memory-latency-bound loop: reads one value per cache line of rows that a
 * coming example will use, so their cache misses overlap with the current example's arithmetic instead
 * of stalling the next one. The reads feed a sink field so they are not optimised away.
 */
export class RowPrefetcher {
  /** Sum of everything read; meaningless, it only keeps the reads alive. */
  sink = 0;

  constructor(
    private readonly parts: {
      positives: UserItemSet;
      tables: { users: Float32Array; items: Float32Array };
      dim: number;
    },
  ) {}

  /** The user row, the positive row and the user's list of liked items of a gathered item. */
  touchPair(batch: GatheredBatch, index: number): void {
    const { positives, tables, dim } = this.parts;
    const user = batch.users[index];
    const userOffset = user * dim;
    const itemOffset = batch.positives[index] * dim;
    const firstLiked = positives.offsets[user];
    // A user with no liked item (explicit triplets only) has no list to read.
    let sum = firstLiked < positives.items.length ? positives.items[firstLiked] : 0;
    for (let k = 0; k < dim; k += FLOATS_PER_LINE) {
      sum += tables.users[userOffset + k] + tables.items[itemOffset + k];
    }
    this.sink += sum;
  }

  /** The rows of an example's negatives. */
  touchNegatives(example: TrainingExample): void {
    const { tables, dim } = this.parts;
    let sum = 0;
    for (let n = 0; n < example.negativeCount; n++) {
      const offset = example.negatives[n] * dim;
      for (let k = 0; k < dim; k += FLOATS_PER_LINE) sum += tables.items[offset + k];
    }
    this.sink += sum;
  }
}
