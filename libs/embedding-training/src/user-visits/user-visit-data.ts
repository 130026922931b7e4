import { trainsWithAggregation } from '../aggregation/anchor-scratch';
import { userMixShare } from '../aggregation/user-mix-share';
import { likedItemSet } from '../data/liked-item-set';
import { claimScratch, type TableMemory } from '../geometry/table-memory';
import type { TrainingData } from '../training-data';
import type { TrainOptions } from '../train-options';
import {
  placeArrays,
  regionBytes,
  visitDataSizes,
  type VisitDataLayout,
  type VisitDataShape,
} from './user-visit-layout';

/** Where the visit kernel's read-only data sits in the table memory (byte addresses), and its counts. */
export interface PlacedVisitData extends VisitDataLayout {
  pairCount: number;
  explicitCount: number;
}

/** The counts of `data` that size the visit data. */
export function visitDataShape(
  data: Pick<TrainingData, 'userCount' | 'positives' | 'explicitTriplets'>,
): VisitDataShape {
  return {
    userCount: data.userCount,
    pairCount: data.positives.users.length,
    explicitCount: data.explicitTriplets.users.length,
  };
}

/**
 * Copies what every thread's visit kernel reads into the table memory's arena, once: each user's sorted,
 * distinct liked items (CSR), their mix share g_u (`userMixShare`, 0 without train-time aggregation),
 * the pairs (user, item, weight) and the explicit triplets. Null when the arena has no room left (the
 * threads then train through the composed path).
 */
export function placeVisitData(
  tableMemory: TableMemory,
  data: Pick<TrainingData, 'userCount' | 'positives' | 'explicitTriplets'>,
  options: Pick<TrainOptions, 'userAggregation' | 'userAggregationSlope' | 'userAggregationMode'>,
): PlacedVisitData | null {
  const liked = likedItemSet(data);
  const shape = { ...visitDataShape(data), likedCount: liked.items.length };
  const sizes = visitDataSizes(shape);
  const start = claimScratch(tableMemory, regionBytes(sizes));
  if (start < 0) return null;
  const at = placeArrays(start, sizes);
  const { buffer } = tableMemory.memory;
  const { pairCount, explicitCount } = shape;
  new Int32Array(buffer, at.likedOffsets, liked.offsets.length).set(liked.offsets);
  new Int32Array(buffer, at.likedItems, liked.items.length).set(liked.items);
  if (trainsWithAggregation(options)) {
    const shares = new Float32Array(buffer, at.shares, data.userCount);
    const mix = { share: options.userAggregation, slope: options.userAggregationSlope };
    for (let user = 0; user < data.userCount; user++) {
      shares[user] = userMixShare(mix, liked.countOf(user));
    }
  }
  const { positives, explicitTriplets } = data;
  new Int32Array(buffer, at.pairUsers, pairCount).set(positives.users);
  new Int32Array(buffer, at.pairItems, pairCount).set(positives.items);
  new Float32Array(buffer, at.pairWeights, pairCount).set(positives.weights);
  new Int32Array(buffer, at.explicitUsers, explicitCount).set(explicitTriplets.users);
  new Int32Array(buffer, at.explicitPositives, explicitCount).set(explicitTriplets.positives);
  new Int32Array(buffer, at.explicitNegatives, explicitCount).set(explicitTriplets.negatives);
  return { ...at, pairCount, explicitCount };
}
