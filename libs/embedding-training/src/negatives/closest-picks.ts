import type { UserItemSet } from '../data/user-item-set';

/**
 * W scored candidates: candidate c's closeness (larger = closer) at closeness[c], its item at
 * items[first + c]. The candidate block's slices and the mirror's gathered sets both look like this.
 */
export interface ScoredCandidates {
  readonly closeness: Float32Array;
  readonly items: Int32Array;
  readonly first: number;
  readonly count: number;
}

/**
 * The slow path of a hard pick, when the kernel's closest candidate is liked (or semi-hard found none
 * below the bound): the closest candidate below `below` the user does not like, else the least close one
 * at or above it; -1 when every candidate is liked.
 */
export function closestUnliked(
  scored: ScoredCandidates,
  positives: UserItemSet,
  user: number,
  below: number,
): number {
  const { closeness, items, first, count } = scored;
  let best = -1;
  let bestCloseness = -Infinity;
  let fallback = -1;
  let fallbackCloseness = Infinity;
  for (let c = 0; c < count; c++) {
    const value = closeness[c];
    const item = items[first + c];
    if (value < below) {
      if (value > bestCloseness && !positives.has(user, item)) {
        best = c;
        bestCloseness = value;
      }
    } else if (value < fallbackCloseness && !positives.has(user, item)) {
      fallback = c;
      fallbackCloseness = value;
    }
  }
  return best >= 0 ? best : fallback;
}

/** Entries `closestDistinct` ranks beyond the picks asked for (for liked and repeated ones). */
const PICK_SLACK = 4;

/** Reusable work arrays of `closestDistinct` (W each). */
export interface PickWork {
  taken: Uint8Array;
  ranking: Int32Array;
}

export function pickWork(candidates: number): PickWork {
  return { taken: new Uint8Array(candidates), ranking: new Int32Array(candidates) };
}

/**
 * The `want` closest distinct candidates whose items the user does not like, closest first: their items
 * into `into`, their candidate indices into `chosen`; returns how many (fewer when the set holds fewer).
 * Candidates are drawn with replacement, so an item twice in the set is one candidate.
 */
export function closestDistinct(
  scored: ScoredCandidates,
  positives: UserItemSet,
  user: number,
  want: number,
  into: Int32Array,
  chosen: Int32Array,
  work: PickWork,
): number {
  const { closeness, count } = scored;
  const { taken, ranking } = work;
  taken.fill(0, 0, count);
  // The candidates in order of closeness from one pass (want + PICK_SLACK of them: enough unless more
  // are liked or repeated), instead of a scan of the set per pick.
  const ranked = rankClosest(closeness, count, Math.min(count, want + PICK_SLACK), ranking);
  let found = 0;
  let seen = 0;
  for (; seen < ranked && found < want; seen++) {
    found = take(scored, positives, user, ranking[seen], into, chosen, found, taken);
  }
  // Past the ranked ones (rare): the next closest by a scan each.
  for (; seen < count && found < want; seen++) {
    let best = -1;
    let bestCloseness = -Infinity;
    for (let c = 0; c < count; c++) {
      if (taken[c] === 0 && closeness[c] > bestCloseness) {
        best = c;
        bestCloseness = closeness[c];
      }
    }
    if (best < 0) break;
    found = take(scored, positives, user, best, into, chosen, found, taken);
  }
  return found;
}

/**
 * The `keep` closest of `count` candidates into `ranking`, closest first, the earlier candidate first among
 * equals (the order repeated scans for the largest closeness visit them in); candidates no scan would
 * take (-inf, NaN) are left out. Returns how many.
 */
function rankClosest(
  closeness: Float32Array,
  count: number,
  keep: number,
  ranking: Int32Array,
): number {
  let size = 0;
  for (let c = 0; c < count; c++) {
    const value = closeness[c];
    if (!(value > -Infinity)) continue;
    if (size === keep && !(value > closeness[ranking[size - 1]])) continue;
    let at = size < keep ? size++ : size - 1;
    while (at > 0 && value > closeness[ranking[at - 1]]) {
      ranking[at] = ranking[at - 1];
      at--;
    }
    ranking[at] = c;
  }
  return size;
}

/** Marks candidate c taken and appends it unless the user likes its item or it is there already. */
function take(
  scored: ScoredCandidates,
  positives: UserItemSet,
  user: number,
  c: number,
  into: Int32Array,
  chosen: Int32Array,
  found: number,
  taken: Uint8Array,
): number {
  taken[c] = 1;
  const item = scored.items[scored.first + c];
  if (positives.has(user, item)) return found;
  for (let k = 0; k < found; k++) if (into[k] === item) return found;
  into[found] = item;
  chosen[found] = c;
  return found + 1;
}
