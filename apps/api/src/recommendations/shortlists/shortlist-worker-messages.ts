import type { UserShortlistParts } from '@recsys/recommendations';
import type { IndexParts, VectorMetric } from '@recsys/vector-index';

/** What the api asks the shortlist worker: the model's index (as parts) and users, on shared memory. */
export interface ShortlistRequest {
  index: IndexParts;
  /** [items, dim] on a SharedArrayBuffer: the vectors the index was built from. */
  itemVectors: Float32Array;
  metric: VectorMetric;
  dim: number;
  /** [users, dim] on a SharedArrayBuffer. */
  userVectors: Float32Array;
  seenItems: { offsets: Int32Array; items: Int32Array };
  /** Users [0, users) get lists of `size` items, posted `usersPerChunk` at a time. */
  users: number;
  size: number;
  usersPerChunk: number;
}

/** The worker's messages: once when running, then chunks of lists in user order, then done or failed. */
export type ShortlistWorkerMessage =
  | { kind: 'ready' }
  | { kind: 'chunk'; lists: UserShortlistParts }
  | { kind: 'done' }
  | { kind: 'failed'; message: string };
