import type { TrainOptions } from '../train-options';
import { plantedClusters } from './planted-clusters';

/** The planted data set the end-to-end training specs learn: 200 users, 400 items, 8 clusters. */
export const PLANTED_TASTES = plantedClusters({
  userCount: 200,
  itemCount: 400,
  clusterCount: 8,
  likesPerUser: 10,
  seed: 7,
});

/** Options small enough for a unit spec that still learn PLANTED_TASTES. */
export const SMALL_TRAINING: Partial<TrainOptions> = { dim: 16, epochs: 15, seed: 3 };

/** Chance of a held-out hit in the top 10 of 400 items; learning the clusters perfectly gives about 10/39 (the rest is within-cluster luck). */
export const CHANCE_AT_10 = 10 / 400;
