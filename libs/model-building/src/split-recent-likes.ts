import type { RowSplit } from '@recsys/ranking-metrics';

/** Liked (user, item) rows with the time of each like; parallel arrays, one entry per row. */
export interface TimedLikes {
  userCount: number;
  itemCount: number;
  users: Int32Array;
  items: Int32Array;
  /** When each row's like happened, ms since the epoch. */
  likedAtMs: Float64Array;
}

/**
 * Temporal holdout: each user's most recent likes (the "next clicks" a new model should predict) go to
 * test: round(ratio x n) of a user's n likes, at least 1, and never all of them (a user with one like
 * stays in train). Ties in time break by row order. A test row whose item has no training like moves
 * back to train, so every held-out user and item is known to the training part.
 */
export function splitRecentLikes(likes: TimedLikes, options: { ratio: number }): RowSplit {
  const isTest = new Uint8Array(likes.users.length);
  for (const rows of rowsByUser(likes)) {
    const held = Math.min(rows.length - 1, Math.max(1, Math.round(options.ratio * rows.length)));
    if (held <= 0) continue;
    rows.sort((a, b) => likes.likedAtMs[a] - likes.likedAtMs[b] || a - b);
    for (const row of rows.slice(rows.length - held)) isTest[row] = 1;
  }
  const trainedItems = new Uint8Array(likes.itemCount);
  for (let row = 0; row < isTest.length; row++)
    if (!isTest[row]) trainedItems[likes.items[row]] = 1;
  for (let row = 0; row < isTest.length; row++)
    if (!trainedItems[likes.items[row]]) isTest[row] = 0;
  return toRowSplit(isTest);
}

function rowsByUser(likes: TimedLikes): number[][] {
  const rows = Array.from({ length: likes.userCount }, (): number[] => []);
  for (let row = 0; row < likes.users.length; row++) rows[likes.users[row]].push(row);
  return rows;
}

function toRowSplit(isTest: Uint8Array): RowSplit {
  const trainRows: number[] = [];
  const testRows: number[] = [];
  for (let row = 0; row < isTest.length; row++) (isTest[row] ? testRows : trainRows).push(row);
  return { trainRows: Int32Array.from(trainRows), testRows: Int32Array.from(testRows) };
}
