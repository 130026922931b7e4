import { generateTasteClusters, type TasteClusterData } from '@recsys/synthetic-data';

/** A small planted-taste history, as a storefront would stream it: 4 clusters, 40 users, 80 items. */
export function plantedTasteHistory(seed: number): TasteClusterData {
  return generateTasteClusters({
    seed,
    clusterCount: 4,
    itemsPerCluster: 20,
    usersPerCluster: 10,
    positivesPerUser: 12,
    noiseRate: 0,
    impressionsPerUser: 2,
    shownPerImpression: 4,
    dislikesPerUser: 2,
    start: new Date(Date.now() - 24 * 3600 * 1000),
    eventIdPrefix: `e2e-${seed}-`,
  });
}
