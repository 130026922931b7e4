import type { UserItemSet } from '../data/user-item-set';
import { claimScratch, type TableMemory } from '../geometry/table-memory';

/** Byte addresses of a copy of the users' sorted liked lists in the table memory (CSR, i32). */
export interface LikedListsAt {
  /** [userCount + 1]: user u's items are items[offsets[u]..offsets[u + 1]). */
  offsets: number;
  items: number;
}

/** Arena bytes of one copy of the liked lists of `userCount` users with at most `pairCount` pairs. */
export function likedListBytes(userCount: number, pairCount: number): number {
  return (userCount + 1 + pairCount) * Int32Array.BYTES_PER_ELEMENT;
}

/**
 * Copies `positives` into the table memory's arena, where a WebAssembly kernel can check its draws
 * against them; null when the arena has no room left (the caller then samples in JavaScript).
 */
export function placeLikedLists(
  tableMemory: TableMemory,
  positives: UserItemSet,
): LikedListsAt | null {
  const { offsets, items } = positives;
  const start = claimScratch(tableMemory, (offsets.length + items.length) * 4);
  if (start < 0) return null;
  const buffer = tableMemory.memory.buffer;
  new Int32Array(buffer, start, offsets.length).set(offsets);
  const itemsAt = start + offsets.length * 4;
  new Int32Array(buffer, itemsAt, items.length).set(items);
  return { offsets: start, items: itemsAt };
}
