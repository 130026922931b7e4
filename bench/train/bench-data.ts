import { plantedClusters, type TrainingData } from '@recsys/embedding-training';

/** Gowalla-shaped synthetic data: 29,858 users, 40,981 items, 27 likes each (~806k pairs). */
export function gowallaShapedData(): TrainingData {
  return plantedClusters({
    userCount: 29858,
    itemCount: 40981,
    clusterCount: 64,
    likesPerUser: 27,
    seed: 1,
  }).data;
}

/** The first `pairs` positive pairs only, without explicit triplets. */
export function subset(data: TrainingData, pairs: number): TrainingData {
  const { users, items, weights } = data.positives;
  return {
    ...data,
    positives: {
      users: users.slice(0, pairs),
      items: items.slice(0, pairs),
      weights: weights.slice(0, pairs),
    },
    explicitTriplets: {
      users: new Int32Array(),
      positives: new Int32Array(),
      negatives: new Int32Array(),
    },
  };
}
