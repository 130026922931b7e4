import type { BuildSteps } from '@recsys/vector-index';
import { rowOf, type ItemSearch, type ServingModel } from './serving-model';

/**
 * Each known user's best items under the model, computed once per model version after it is swapped in, so
 * a request from a user without newer clicks filters a short list instead of searching the index (Gorse
 * serves its recommend paths from such cached lists too). Row r holds user `firstUser + r`'s top `size`
 * items by index, best first, the user's training items already left out; a row not (yet) computed has
 * count −1.
 */
export class UserShortlists {
  readonly items: Int32Array;
  readonly scores: Float64Array;
  readonly counts: Int32Array;
  private computedUsers = 0;

  constructor(
    readonly userCount: number,
    readonly size: number,
    readonly firstUser = 0,
  ) {
    this.items = new Int32Array(userCount * size);
    this.scores = new Float64Array(userCount * size);
    this.counts = new Int32Array(userCount).fill(-1);
  }

  /** Lists from their arrays (as `toParts` gives them, e.g. posted by a worker thread); copies them. */
  static fromParts(parts: UserShortlistParts): UserShortlists {
    const lists = new UserShortlists(parts.counts.length, parts.size, parts.firstUser);
    lists.items.set(parts.items);
    lists.scores.set(parts.scores);
    lists.counts.set(parts.counts);
    lists.computedUsers = parts.counts.reduce((sum, count) => sum + (count >= 0 ? 1 : 0), 0);
    return lists;
  }

  /** The arrays and range of these lists (not copies). */
  toParts(): UserShortlistParts {
    const { firstUser, size, items, scores, counts } = this;
    return { firstUser, size, items, scores, counts };
  }

  /** Users whose list is computed. */
  get computed(): number {
    return this.computedUsers;
  }

  /** The number of items in `userIndex`'s list, or −1 when it is not computed. */
  countOf(userIndex: number): number {
    const row = userIndex - this.firstUser;
    return row >= 0 && row < this.userCount ? this.counts[row] : -1;
  }

  /** Where `userIndex`'s list starts in `items` and `scores`. */
  offsetOf(userIndex: number): number {
    return (userIndex - this.firstUser) * this.size;
  }

  /** Stores `userIndex`'s list (best first; at most `size` entries are kept). */
  set(userIndex: number, hits: readonly { index: number; score: number }[]): void {
    const row = userIndex - this.firstUser;
    const count = Math.min(hits.length, this.size);
    const offset = row * this.size;
    for (let i = 0; i < count; i++) {
      this.items[offset + i] = hits[i].index;
      this.scores[offset + i] = hits[i].score;
    }
    if (this.counts[row] < 0) this.computedUsers++;
    this.counts[row] = count;
  }

  /** Copies the computed rows of `part` (same `size`, its users inside this one's range). */
  copyFrom(part: UserShortlists): void {
    const row = part.firstUser - this.firstUser;
    this.items.set(part.items, row * this.size);
    this.scores.set(part.scores, row * this.size);
    for (let r = 0; r < part.userCount; r++) {
      if (part.counts[r] < 0) continue;
      if (this.counts[row + r] < 0) this.computedUsers++;
      this.counts[row + r] = part.counts[r];
    }
  }
}

/** UserShortlists as plain arrays: what a worker thread posts. */
export interface UserShortlistParts {
  firstUser: number;
  size: number;
  items: Int32Array;
  scores: Float64Array;
  counts: Int32Array;
}

/** What the lists are computed from: the index and the users' rows of a model. */
export interface ShortlistSource {
  index: ItemSearch;
  /** [users, dim] */
  userVectors: Float32Array;
  dim: number;
  /** Each user's training items (CSR, as ModelSnapshot.seenItems). */
  seenItems: { offsets: Int32Array; items: Int32Array };
  itemCount: number;
}

/** The source of a serving model's lists. */
export function shortlistSourceOf(model: ServingModel): ShortlistSource {
  const { userVectors, seenItems, metadata, itemIds } = model.snapshot;
  return {
    index: model.index,
    userVectors,
    dim: metadata.dim,
    seenItems,
    itemCount: itemIds.length,
  };
}

/** How many users' lists one step computes: a few milliseconds of searches, so requests keep flowing. */
const USERS_PER_STEP = 4;

/**
 * Computes the lists of the users of `shortlists` (its `firstUser` on) a few users per step (see
 * BuildSteps): searches the index with each user's trained vector, skipping the user's training items.
 */
export function* computeUserShortlists(
  source: ShortlistSource,
  shortlists: UserShortlists,
): BuildSteps<UserShortlists> {
  const { userVectors, seenItems, dim } = source;
  const seenMarks = new Int32Array(source.itemCount).fill(-1);
  const end = shortlists.firstUser + shortlists.userCount;
  for (let user = shortlists.firstUser; user < end; user++) {
    for (let i = seenItems.offsets[user]; i < seenItems.offsets[user + 1]; i++) {
      seenMarks[seenItems.items[i]] = user;
    }
    const query = rowOf(userVectors, user, dim);
    shortlists.set(user, source.index.search(query, shortlists.size, (item) => seenMarks[item] === user)); // prettier-ignore
    if ((user + 1) % USERS_PER_STEP === 0) yield;
  }
  return shortlists;
}
