import { plantedClusters, type PlantedClusters } from './planted-clusters';

/**
 * A small planted catalogue (200 users, 400 items, 8 clusters, 10 likes each) and the options that train
 * it with copied hard candidates (two hardest-of-16 per pair, a 2-epoch warm-up): the specs of the
 * candidate sources and of whole user visits train the same case. These paths are the defaults only from
 * 10,000 items; the specs ask for them here.
 */
export function plantedCopiesCase(): {
  planted: PlantedClusters;
  options: {
    dim: number;
    epochs: number;
    seed: number;
    hardNegativeCandidates: number;
    negativesPerPositive: number;
    hardNegativeWarmupEpochs: number;
  };
} {
  return {
    planted: plantedClusters({ userCount: 200, itemCount: 400, clusterCount: 8, likesPerUser: 10, seed: 7 }), // prettier-ignore
    options: {
      dim: 16,
      epochs: 15,
      seed: 3,
      hardNegativeCandidates: 16,
      negativesPerPositive: 2,
      hardNegativeWarmupEpochs: 2,
    },
  };
}
