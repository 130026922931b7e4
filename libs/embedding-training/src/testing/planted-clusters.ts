import { SeededRandom } from '../random/seeded-random';
import type { TrainingData } from '../training-data';

/** A synthetic data set with planted taste clusters, plus one held-out liked item per user. */
export interface PlantedClusters {
  data: TrainingData;
  /** [userCount] an item each user likes that is not in `data`. */
  heldOut: Int32Array;
}

/** Sizes of a planted data set. */
export interface PlantedClusterSizes {
  userCount: number;
  itemCount: number;
  clusterCount: number;
  likesPerUser: number;
  seed: number;
}

/**
 * Users and items fall into `clusterCount` clusters (item i is in cluster i % clusterCount); every user
 * likes `likesPerUser` + 1 random items of their own cluster (one is held out) and explicitly dislikes one
 * item of another cluster. A model that learns the clusters ranks held-out items far above chance.
 */
export function plantedClusters(sizes: PlantedClusterSizes): PlantedClusters {
  const { userCount, itemCount, clusterCount, likesPerUser } = sizes;
  const random = new SeededRandom(sizes.seed);
  const perCluster = Math.floor(itemCount / clusterCount);
  const pick = (cluster: number) => random.nextInt(perCluster) * clusterCount + cluster;
  const likes = { users: [] as number[], items: [] as number[] };
  const dislikes = { users: [] as number[], positives: [] as number[], negatives: [] as number[] };
  const heldOut = new Int32Array(userCount);
  for (let user = 0; user < userCount; user++) {
    const cluster = user % clusterCount;
    const liked = new Set<number>();
    while (liked.size < Math.min(likesPerUser + 1, perCluster)) liked.add(pick(cluster));
    const [first, ...rest] = [...liked];
    heldOut[user] = first;
    for (const item of rest) {
      likes.users.push(user);
      likes.items.push(item);
    }
    dislikes.users.push(user);
    dislikes.positives.push(rest[0]);
    dislikes.negatives.push(pick((cluster + 1) % clusterCount));
  }
  return { heldOut, data: toTrainingData({ sizes, likes, dislikes }) };
}

function toTrainingData(parts: {
  sizes: PlantedClusterSizes;
  likes: { users: number[]; items: number[] };
  dislikes: { users: number[]; positives: number[]; negatives: number[] };
}): TrainingData {
  const { sizes, likes, dislikes } = parts;
  return {
    userCount: sizes.userCount,
    itemCount: sizes.itemCount,
    positives: {
      users: Int32Array.from(likes.users),
      items: Int32Array.from(likes.items),
      weights: new Float32Array(likes.users.length).fill(1),
    },
    explicitTriplets: {
      users: Int32Array.from(dislikes.users),
      positives: Int32Array.from(dislikes.positives),
      negatives: Int32Array.from(dislikes.negatives),
    },
  };
}
