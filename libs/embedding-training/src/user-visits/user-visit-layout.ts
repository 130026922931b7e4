import { alignUp } from '../geometry/table-memory';
import type { TrainOptions } from '../train-options';
import { NOISE_TABLE_BYTES, VISIT_CONTEXT_BYTES, visitScratchBytes } from './user-visit-kernel';

/**
 * Where the visit kernel's arrays sit in the table memory's arena. The data it reads (the liked lists,
 * the mix shares, the pairs and the explicit triplets) is read-only and placed once for every thread
 * (`placeVisitData`): a copy per thread would take 16 bytes a pair per thread, and the wasm32 memory's
 * 4 GiB holds the tables too. What a thread writes (its context, scratch, int8 mirror, soft-pick noise
 * table and chunk of work) is its own region (`UserVisitTrainer`). Every array starts on a cache line.
 */
type DataArray =
  | 'likedOffsets'
  | 'likedItems'
  | 'shares'
  | 'pairUsers'
  | 'pairItems'
  | 'pairWeights'
  | 'explicitUsers'
  | 'explicitPositives'
  | 'explicitNegatives';
type ThreadArray =
  | 'context'
  | 'scratch'
  | 'rankWeights'
  | 'noiseTable'
  | 'mirror'
  | 'mirrorScale'
  | 'mirrorBias'
  | 'work';

/** Byte addresses (or sizes) of the shared data arrays. */
export type VisitDataLayout = Record<DataArray, number>;
/** Byte addresses (or sizes) of one thread's arrays. */
export type VisitThreadLayout = Record<ThreadArray, number>;

/** What sizes the data arrays: the data's counts. */
export interface VisitDataShape {
  userCount: number;
  pairCount: number;
  explicitCount: number;
  /** Distinct liked items (at most the pairs, the default). */
  likedCount?: number;
}

/** Bytes of each shared data array. */
export function visitDataSizes(shape: VisitDataShape): VisitDataLayout {
  const { userCount, pairCount, explicitCount } = shape;
  return {
    likedOffsets: (userCount + 1) * 4,
    likedItems: (shape.likedCount ?? pairCount) * 4,
    shares: userCount * 4,
    pairUsers: pairCount * 4,
    pairItems: pairCount * 4,
    pairWeights: pairCount * 4,
    explicitUsers: explicitCount * 4,
    explicitPositives: explicitCount * 4,
    explicitNegatives: explicitCount * 4,
  };
}

/** Bytes of each of one thread's arrays (`workItems`: the largest chunk of work). */
export function visitThreadSizes(
  options: Pick<TrainOptions, 'dim' | 'hardNegativeCandidates' | 'negativesPerPositive'>,
  itemCount: number,
  workItems: number,
): VisitThreadLayout {
  const { dim, hardNegativeCandidates: W, negativesPerPositive: K } = options;
  return {
    context: VISIT_CONTEXT_BYTES,
    scratch: visitScratchBytes(dim, W),
    rankWeights: K * K * 4,
    // 16 KiB whatever the temperature (written only when t > 0): small beside the mirror
    noiseTable: NOISE_TABLE_BYTES,
    mirror: itemCount * dim,
    mirrorScale: itemCount * 4,
    mirrorBias: itemCount * 4,
    work: workItems * 4,
  };
}

/** A region's bytes: every array on its cache line (a claim starts on one). */
export function regionBytes(sizes: Record<string, number>): number {
  return Object.values(sizes).reduce((sum, size) => sum + alignUp(size), 0);
}

/** Each array's byte address in a region claimed at `start` (in the sizes' key order). */
export function placeArrays<T extends Record<string, number>>(start: number, sizes: T): T {
  let at = start;
  const layout: Record<string, number> = {};
  for (const [name, size] of Object.entries(sizes)) {
    layout[name] = at;
    at += alignUp(size);
  }
  return layout as T;
}
