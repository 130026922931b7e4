import type { ModelSnapshot } from '@recsys/domain';
import { createSeededRandom, type RandomSource } from '@recsys/synthetic-data';
import { popularFromSeen, seenItemsOfCluster } from './synthetic-interactions';

export interface SyntheticModelOptions {
  version: string;
  items: number;
  users: number;
  dim: number;
  /** Taste clusters shared by items and users (0: one per 100 items, as bench:ann). */
  clusters: number;
  /** Standard deviation of a row around its cluster centre (centres are standard normal). */
  spread: number;
  /** Items each user has seen, drawn from the user's cluster. */
  seenPerUser: number;
  popularCount: number;
  seed: number;
}

/** A published-model stand-in plus the planted structure the benchmarks need to make meaningful events. */
export interface SyntheticModel {
  snapshot: ModelSnapshot;
  /** Cluster of each item and user. */
  itemClusters: Int32Array;
  userClusters: Int32Array;
}

/** Item and user ids of the synthetic models: the same user ids in every model of the same user count. */
export const itemIdOf = (index: number): string => `item-${index}`;
export const userIdOf = (index: number): string => `user-${index}`;

/**
 * A seeded model with clustered item and user vectors ([rows, dim], users near their cluster's items, so
 * nearest-neighbour search behaves as on trained embeddings), a few seen items per user and popular items.
 */
export function syntheticModel(options: SyntheticModelOptions): SyntheticModel {
  const random = createSeededRandom(options.seed);
  const clusters = options.clusters > 0 ? options.clusters : Math.max(1, Math.round(options.items / 100)); // prettier-ignore
  const centres = Float32Array.from({ length: clusters * options.dim }, () =>
    standardNormal(random),
  );
  const table = { centres, clusters, dim: options.dim, spread: options.spread, random };
  const items = clusteredRows(table, options.items);
  const users = clusteredRows(table, options.users);
  const seenItems = seenItemsOfCluster({
    itemClusters: items.clusters,
    userClusters: users.clusters,
    clusterCount: clusters,
    perUser: options.seenPerUser,
    random,
  });
  const snapshot: ModelSnapshot = {
    metadata: {
      version: options.version,
      createdAt: new Date().toISOString(),
      dim: options.dim,
      metric: 'neg-l2',
      itemCount: options.items,
      userCount: options.users,
      metrics: {},
      trainingParams: { synthetic: true, seed: options.seed, clusters, spread: options.spread },
    },
    itemIds: Array.from({ length: options.items }, (_, i) => itemIdOf(i)),
    itemVectors: items.vectors,
    userIds: Array.from({ length: options.users }, (_, u) => userIdOf(u)),
    userVectors: users.vectors,
    seenItems,
    popularItems: popularFromSeen(seenItems.items, options.items, options.popularCount),
  };
  return { snapshot, itemClusters: items.clusters, userClusters: users.clusters };
}

interface ClusterTable {
  centres: Float32Array;
  clusters: number;
  dim: number;
  spread: number;
  random: RandomSource;
}

/** `rows` vectors ([rows, dim]), each around the centre of a uniformly drawn cluster. */
function clusteredRows(table: ClusterTable, rows: number) {
  const { dim, random } = table;
  const vectors = new Float32Array(rows * dim);
  const clusters = new Int32Array(rows);
  for (let row = 0; row < rows; row++) {
    const cluster = Math.floor(random() * table.clusters);
    clusters[row] = cluster;
    for (let d = 0; d < dim; d++) {
      vectors[row * dim + d] = table.centres[cluster * dim + d] + table.spread * standardNormal(random); // prettier-ignore
    }
  }
  return { vectors, clusters };
}

/** A standard normal draw (Box-Muller). */
function standardNormal(random: RandomSource): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}
