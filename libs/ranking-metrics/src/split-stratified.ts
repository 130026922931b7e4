import { DomainError } from '@recsys/domain';
import { RowSplit, rowSplitFromFlags } from './row-split';
import { groupRowsByUser } from './rows-by-user';
import { createSeededRandom, shuffleInPlace } from './seeded-random';

/** Options of the per-user stratified random split. */
export interface StratifiedSplitOptions {
  /** Share of each user's rows that goes to test, in (0, 1). */
  testRatio: number;
  seed: number;
}

/**
 * Per-user stratified random split: each user's rows are shuffled (seeded) and the first
 * round(n * (1 - testRatio)) stay in train, the rest go to test (as Microsoft Recommenders'
 * python_stratified_split). Users keep at least one training row.
 */
export function splitStratified(
  data: { users: Int32Array; userCount: number },
  options: StratifiedSplitOptions,
): RowSplit {
  if (!(options.testRatio > 0 && options.testRatio < 1)) {
    throw new DomainError('INVALID_SPLIT', 'testRatio must be in (0, 1)', options);
  }
  const random = createSeededRandom(options.seed);
  const grouped = groupRowsByUser(data.users, data.userCount);
  const isTest = new Uint8Array(data.users.length);
  for (let u = 0; u < data.userCount; u++) {
    const own = grouped.rows.slice(grouped.offsets[u], grouped.offsets[u + 1]);
    if (own.length === 0) continue;
    shuffleInPlace(own, random);
    const trainCount = Math.max(1, Math.round(own.length * (1 - options.testRatio)));
    for (let i = trainCount; i < own.length; i++) isTest[own[i]] = 1;
  }
  return rowSplitFromFlags(isTest);
}
