import type { TrainingData } from '../training-data';
import { UserItemSet } from './user-item-set';

/**
 * Each user's distinct liked items (every positive pair, its weight aside): the set a user's positives
 * are sampled from and never taken as negatives, and the one the trained behaviour anchor averages over
 * (`BehaviourAnchor`), so the export of a model trained with the mix uses it too.
 */
export function likedItemSet(data: Pick<TrainingData, 'positives' | 'userCount'>): UserItemSet {
  return UserItemSet.fromPairs({ ...data.positives, userCount: data.userCount });
}
