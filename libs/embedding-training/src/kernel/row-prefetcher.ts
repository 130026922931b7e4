import type { UserItemSet } from '../data/user-item-set';
import type { TrainingData } from '../training-data';
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
  private readonly positiveCount: number;

  constructor(
    private readonly parts: {
      data: Pick<TrainingData, 'positives'>;
      positives: UserItemSet;
      tables: { users: Float32Array; items: Float32Array };
      dim: number;
    },
  ) {
    this.positiveCount = parts.data.positives.users.length;
  }

  /** A work item's entries, its user's list of liked items, its user row and its positive row. */
  touchWork(work: number): void {
    if (work >= this.positiveCount) return;
    const { data, positives, tables, dim } = this.parts;
    const user = data.positives.users[work];
    const userOffset = user * dim;
    const itemOffset = data.positives.items[work] * dim;
    let sum = positives.items[positives.offsets[user]] + data.positives.weights[work];
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
