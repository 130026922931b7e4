import type { BuildSteps } from '@recsys/vector-index';
import { rowOf, type ServingModel } from './serving-model';

/**
 * Each known user's best items under the model, computed once per model version after it is swapped in, so
 * a request from a user without newer clicks filters a short list instead of searching the index (Gorse
 * serves its recommend paths from such cached lists too). Rows: the user's top `size` items by index, best
 * first, the user's training items already left out; a user not (yet) computed has count −1.
 */
export class UserShortlists {
  readonly items: Int32Array;
  readonly scores: Float64Array;
  private readonly counts: Int32Array;
  private computedUsers = 0;

  constructor(
    readonly userCount: number,
    readonly size: number,
  ) {
    this.items = new Int32Array(userCount * size);
    this.scores = new Float64Array(userCount * size);
    this.counts = new Int32Array(userCount).fill(-1);
  }

  /** Users whose list is computed. */
  get computed(): number {
    return this.computedUsers;
  }

  /** The number of items in `userIndex`'s list, or −1 when it is not computed. */
  countOf(userIndex: number): number {
    return userIndex < this.userCount ? this.counts[userIndex] : -1;
  }

  /** Stores `userIndex`'s list (best first; at most `size` entries are kept). */
  set(userIndex: number, hits: readonly { index: number; score: number }[]): void {
    const count = Math.min(hits.length, this.size);
    const offset = userIndex * this.size;
    for (let i = 0; i < count; i++) {
      this.items[offset + i] = hits[i].index;
      this.scores[offset + i] = hits[i].score;
    }
    if (this.counts[userIndex] < 0) this.computedUsers++;
    this.counts[userIndex] = count;
  }
}

/** How many users' lists one slice computes: a few milliseconds of searches, so requests keep flowing. */
const USERS_PER_SLICE = 8;

/**
 * Computes the lists of the first `maxUsers` users of `model` into `shortlists`, a few users per step (see
 * BuildSteps): searches the model's index with each user's trained vector, skipping the user's training items.
 */
export function* computeUserShortlists(
  model: ServingModel,
  shortlists: UserShortlists,
): BuildSteps<UserShortlists> {
  const { userVectors, seenItems, metadata } = model.snapshot;
  const seenMarks = new Int32Array(model.snapshot.itemIds.length).fill(-1);
  for (let user = 0; user < shortlists.userCount; user++) {
    for (let i = seenItems.offsets[user]; i < seenItems.offsets[user + 1]; i++) {
      seenMarks[seenItems.items[i]] = user;
    }
    const query = rowOf(userVectors, user, metadata.dim);
    const hits = model.index.search(query, shortlists.size, (item) => seenMarks[item] === user);
    shortlists.set(user, hits);
    if ((user + 1) % USERS_PER_SLICE === 0) yield;
  }
  return shortlists;
}
