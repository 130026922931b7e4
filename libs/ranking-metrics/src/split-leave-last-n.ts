import { DomainError } from '@recsys/domain';
import { RowSplit, rowSplitFromFlags } from './row-split';
import { groupRowsByUser } from './rows-by-user';

/**
 * Temporal leave-last-N split: each user's N latest rows (by timestamp, ties by input order) go to test.
 * A user with N rows or fewer stays entirely in train, so every test user has training history.
 */
export function splitLeaveLastN(
  data: { users: Int32Array; userCount: number; timestamps: Float64Array },
  options: { lastN: number },
): RowSplit {
  if (!Number.isInteger(options.lastN) || options.lastN < 1) {
    throw new DomainError('INVALID_SPLIT', 'lastN must be a positive integer', options);
  }
  const grouped = groupRowsByUser(data.users, data.userCount);
  const isTest = new Uint8Array(data.users.length);
  for (let u = 0; u < data.userCount; u++) {
    const own = Array.from(grouped.rows.subarray(grouped.offsets[u], grouped.offsets[u + 1]));
    if (own.length <= options.lastN) continue;
    own.sort((a, b) => data.timestamps[a] - data.timestamps[b] || a - b);
    for (let i = own.length - options.lastN; i < own.length; i++) isTest[own[i]] = 1;
  }
  return rowSplitFromFlags(isTest);
}
