import { createSeededRandom, shuffleInPlace } from './seeded-random';
import { UserItemSets } from './user-item-sets';

/**
 * Users that have items in `sets`, ascending; when there are more than `maxUsers`, a seeded sample
 * of that size (still ascending). Undefined `maxUsers` keeps everyone.
 */
export function sampleUsers(
  sets: UserItemSets,
  maxUsers: number | undefined,
  seed: number,
): Int32Array {
  const users: number[] = [];
  for (let u = 0; u < sets.userCount; u++) if (sets.offsets[u + 1] > sets.offsets[u]) users.push(u);
  const all = Int32Array.from(users);
  if (maxUsers === undefined || all.length <= maxUsers) return all;
  shuffleInPlace(all, createSeededRandom(seed));
  return all.slice(0, maxUsers).sort();
}
