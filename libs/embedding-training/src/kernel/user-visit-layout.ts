import { VISIT_CONTEXT_BYTES, visitScratchBytes } from './user-visit-kernel';
import type { TrainingData } from '../training-data';
import type { TrainOptions } from '../train-options';

/**
 * Where one thread's visit arrays sit in its region of the table memory (`UserVisitTrainer`): the
 * kernel's context and scratch, its int8 mirror, and its copies of the data it reads.
 */
/** The kernel's arrays in one thread's region, in order (each starts on a cache line). */
const VISIT_ARRAYS = [
  'context',
  'scratch',
  'rankWeights',
  'mirror',
  'mirrorScale',
  'mirrorBias',
  'likedOffsets',
  'likedItems',
  'shares',
  'pairUsers',
  'pairItems',
  'pairWeights',
  'explicitUsers',
  'explicitPositives',
  'explicitNegatives',
  'work',
] as const;
type VisitArray = (typeof VISIT_ARRAYS)[number];
export type VisitLayout = Record<VisitArray, number>;

/** What sizes the kernel's arrays: the data's counts (distinct liked items at most the pairs). */
export interface VisitShape {
  userCount: number;
  itemCount: number;
  pairCount: number;
  explicitCount: number;
  likedCount?: number;
}

/** The counts of `data` that size the arrays. */
export function visitShape(
  data: Pick<TrainingData, 'userCount' | 'itemCount' | 'positives' | 'explicitTriplets'>,
): VisitShape {
  return {
    userCount: data.userCount,
    itemCount: data.itemCount,
    pairCount: data.positives.users.length,
    explicitCount: data.explicitTriplets.users.length,
  };
}

/** Bytes of each of the kernel's arrays for one thread (`workItems`: the largest chunk of work). */
export function visitArraySizes(
  options: Pick<TrainOptions, 'dim' | 'hardNegativeCandidates' | 'negativesPerPositive'>,
  shape: VisitShape,
  workItems: number,
): VisitLayout {
  const { dim, hardNegativeCandidates: W, negativesPerPositive: K } = options;
  const { userCount, itemCount, pairCount, explicitCount } = shape;
  return {
    context: VISIT_CONTEXT_BYTES,
    scratch: visitScratchBytes(dim, W),
    rankWeights: K * K * 4,
    mirror: itemCount * dim,
    mirrorScale: itemCount * 4,
    mirrorBias: itemCount * 4,
    likedOffsets: (userCount + 1) * 4,
    // Distinct liked items are at most the pairs.
    likedItems: (shape.likedCount ?? pairCount) * 4,
    shares: userCount * 4,
    pairUsers: pairCount * 4,
    pairItems: pairCount * 4,
    pairWeights: pairCount * 4,
    explicitUsers: explicitCount * 4,
    explicitPositives: explicitCount * 4,
    explicitNegatives: explicitCount * 4,
    work: workItems * 4,
  };
}

/** The region's bytes: every array on its cache line, and the region's own alignment. */
export function regionBytes(sizes: VisitLayout): number {
  return VISIT_ARRAYS.reduce((sum, name) => sum + alignUp(sizes[name]), 64);
}

/** Each array's byte address in a region claimed at `start`. */
export function placeArrays(start: number, sizes: VisitLayout): VisitLayout {
  let at = alignUp(start);
  const layout = { ...sizes };
  for (const name of VISIT_ARRAYS) {
    layout[name] = at;
    at += alignUp(sizes[name]);
  }
  return layout;
}

function alignUp(bytes: number): number {
  return Math.ceil(bytes / 64) * 64;
}
