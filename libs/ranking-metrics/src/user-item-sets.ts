/**
 * Items per user in CSR form: user u's item indices are `items[offsets[u]..offsets[u + 1])`, sorted
 * ascending and without duplicates.
 */
export interface UserItemSets {
  userCount: number;
  /** [userCount + 1] */
  offsets: Int32Array;
  items: Int32Array;
}

/** Parallel (user, item) index arrays, one pair per interaction. */
export interface UserItemPairs {
  userCount: number;
  users: Int32Array;
  items: Int32Array;
}

/** Builds sorted, de-duplicated per-user item sets from (user, item) pairs; `rows` selects a subset. */
export function buildUserItemSets(pairs: UserItemPairs, rows?: Int32Array): UserItemSets {
  const count = rows ? rows.length : pairs.users.length;
  const rowAt = (i: number): number => (rows ? rows[i] : i);
  const counts = new Int32Array(pairs.userCount + 1);
  for (let i = 0; i < count; i++) counts[pairs.users[rowAt(i)] + 1]++;
  for (let u = 0; u < pairs.userCount; u++) counts[u + 1] += counts[u];
  const cursor = counts.slice(0, pairs.userCount);
  const raw = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const row = rowAt(i);
    raw[cursor[pairs.users[row]]++] = pairs.items[row];
  }
  return compactSorted(pairs.userCount, counts, raw);
}

function compactSorted(userCount: number, offsets: Int32Array, raw: Int32Array): UserItemSets {
  const outOffsets = new Int32Array(userCount + 1);
  const items = new Int32Array(raw.length);
  let written = 0;
  for (let u = 0; u < userCount; u++) {
    const own = raw.subarray(offsets[u], offsets[u + 1]).sort();
    for (let i = 0; i < own.length; i++) {
      if (i === 0 || own[i] !== own[i - 1]) items[written++] = own[i];
    }
    outOffsets[u + 1] = written;
  }
  return { userCount, offsets: outOffsets, items: items.slice(0, written) };
}

/** Number of items of user `user` in `sets`. */
export function userSetSize(sets: UserItemSets, user: number): number {
  return sets.offsets[user + 1] - sets.offsets[user];
}
