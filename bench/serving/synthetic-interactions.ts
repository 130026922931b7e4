import type { RandomSource } from '@recsys/synthetic-data';

/** Rows of each cluster, CSR: cluster c's rows are rows[offsets[c]..offsets[c+1]). */
export interface ClusterMembers {
  offsets: Int32Array;
  rows: Int32Array;
}

/** Groups row indices by cluster. */
export function clusterMembers(rowClusters: Int32Array, clusterCount: number): ClusterMembers {
  const offsets = new Int32Array(clusterCount + 1);
  for (const cluster of rowClusters) offsets[cluster + 1]++;
  for (let c = 0; c < clusterCount; c++) offsets[c + 1] += offsets[c];
  const next = offsets.slice(0, clusterCount);
  const rows = new Int32Array(rowClusters.length);
  rowClusters.forEach((cluster, row) => {
    rows[next[cluster]++] = row;
  });
  return { offsets, rows };
}

/**
 * Seen items per user (CSR, as ModelSnapshot.seenItems): up to `perUser` distinct items of the user's own
 * cluster, as a user who clicked a few items of their taste.
 */
export function seenItemsOfCluster(options: {
  itemClusters: Int32Array;
  userClusters: Int32Array;
  clusterCount: number;
  perUser: number;
  random: RandomSource;
}): { offsets: Int32Array; items: Int32Array } {
  const members = clusterMembers(options.itemClusters, options.clusterCount);
  const offsets = new Int32Array(options.userClusters.length + 1);
  const items: number[] = [];
  options.userClusters.forEach((cluster, user) => {
    const start = members.offsets[cluster];
    const size = members.offsets[cluster + 1] - start;
    const chosen = new Set<number>();
    for (
      let tries = 0;
      chosen.size < Math.min(options.perUser, size) && tries < 4 * options.perUser;
      tries++
    ) {
      chosen.add(members.rows[start + Math.floor(options.random() * size)]);
    }
    items.push(...[...chosen].sort((a, b) => a - b));
    offsets[user + 1] = items.length;
  });
  return { offsets, items: Int32Array.from(items) };
}

/** The `count` most seen items, most seen first (ties: lower index first). */
export function popularFromSeen(
  seenItems: Int32Array,
  itemCount: number,
  count: number,
): Int32Array {
  const seenCount = new Int32Array(itemCount);
  for (const item of seenItems) seenCount[item]++;
  const order = Array.from({ length: itemCount }, (_, i) => i);
  order.sort((a, b) => seenCount[b] - seenCount[a] || a - b);
  return Int32Array.from(order.slice(0, Math.min(count, itemCount)));
}
