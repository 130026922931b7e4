import { anchorScratchRows, trainsWithAggregation } from '../aggregation/anchor-scratch';
import { anchorMeanBytes } from '../aggregation/behaviour-anchor';
import { allocateTableMemory, type TableMemory } from '../geometry/table-memory';
import type { CandidateBlockOptions } from '../negatives/candidate-block';
import { hardCandidateSourceBytes } from '../negatives/create-hard-candidate-source';
import { optimizerStateLengths } from '../optim/sparse-optimizer';
import { SeededRandom } from '../random/seeded-random';
import type { TrainOptions } from '../train-options';
import { fusedStepScratchBytes } from './fused-triplet-step';
import { likedListBytes } from './liked-lists';
import { maxNegatives } from './max-negatives';
import { kernelDrawsUniform } from './uniform-batch-runner';
import {
  userVisitThreadBytes,
  userVisitsApply,
  type VisitOptions,
} from '../user-visits/user-visits-apply';
import { regionBytes, visitDataSizes } from '../user-visits/user-visit-layout';
import {
  placeVisitData,
  visitDataShape,
  type PlacedVisitData,
} from '../user-visits/user-visit-data';
import type { TrainingData } from '../training-data';

/** The embedding tables and their optimiser state; on SharedArrayBuffers when threads share them. */
export interface TrainingTables {
  /** [userCount, dim] */
  users: Float32Array;
  /** [itemCount, dim] */
  items: Float32Array;
  /**
   * `users` followed by scratch rows where train-time behaviour aggregation writes the anchors it scores
   * (see aggregation/); `users` itself when there are none. The geometries' anchor table.
   */
  anchors: Float32Array;
  /** Blocks of scratch rows the threads have claimed ([1], shared with the workers). */
  anchorBlocksClaimed: Int32Array;
  userState: Float32Array[];
  itemState: Float32Array[];
  /**
   * The WebAssembly memory `users` and `items` are views of (always shared, so the same for 1 thread and
   * N workers), which the SIMD row kernel scores in place; null when they would pass wasm32's 4 GiB. The
   * optimiser state lives there too when it fits (the fused triplet step updates it in place).
   */
  memory: TableMemory | null;
  /**
   * The visit kernel's read-only data in the table memory's arena, placed once for every thread when the
   * options train whole user visits (`userVisitsApply`); else null.
   */
  visitData: PlacedVisitData | null;
}

/** Options that size the tables and the row kernel's scratch. */
type TableOptions = Pick<
  TrainOptions,
  | 'dim'
  | 'optimizer'
  | 'threads'
  | 'hardNegativeCandidates'
  | 'negativesPerPositive'
  | 'batchSize'
  | 'inBatchNegatives'
  | 'userAggregation'
  | 'userAggregationMode'
  | 'userAggregationSlope'
  | 'negativeMix'
> &
  CandidateBlockOptions &
  VisitOptions;

/** Geometries per thread that score rows (the kernel's, the sampler's, the example builder's) + 1 spare. */
const GEOMETRIES_PER_THREAD = 4;
/** A candidate pool holds up to this many groups of W candidates (see negatives/candidate-pool.ts). */
const POOL_GROUPS = 8;

/** Allocates zeroed tables (optimiser state on shared memory when `shared`). */
export function allocateTables(setup: {
  userCount: number;
  itemCount: number;
  options: TableOptions;
  shared: boolean;
  /**
   * The data's pairs: with uniform negatives, each thread copies the liked lists into the arena; whole
   * user visits (the large-catalogue defaults) copy the pairs and the explicit triplets there once.
   */
  positives?: TrainingData['positives'];
  explicitTriplets?: TrainingData['explicitTriplets'];
}): TrainingTables {
  const { userCount, itemCount, options, shared } = setup;
  const allocate = (length: number): Float32Array =>
    shared
      ? new Float32Array(new SharedArrayBuffer(length * Float32Array.BYTES_PER_ELEMENT))
      : new Float32Array(length);
  const anchorRows = userCount + anchorScratchRows(options);
  const lengths = [anchorRows * options.dim, itemCount * options.dim];
  const userState = optimizerStateLengths(options.optimizer, userCount, options.dim);
  const itemState = optimizerStateLengths(options.optimizer, itemCount, options.dim);
  const withState = [...lengths, ...userState, ...itemState];
  const pairCount = setup.positives?.users.length ?? 0;
  const liked =
    kernelDrawsUniform(options) && pairCount > 0 ? likedListBytes(userCount, pairCount) : 0;
  const means = trainsWithAggregation(options) ? anchorMeanBytes(options.dim) : 0;
  const { positives, explicitTriplets } = setup;
  // Both halves of the data, or the visit kernel could read work items it was not given.
  const visitData =
    userVisitsApply(options) && positives !== undefined && explicitTriplets !== undefined
      ? { userCount, positives, explicitTriplets }
      : null;
  const composed =
    scratchBytes(options) +
    hardCandidateSourceBytes(options, itemCount) +
    options.threads * (liked + means + 64);
  // Visits need the data once and each thread's own arrays; the composed path trains only when the
  // tables' optimiser state does not fit beside them, so the larger of the two is enough for either.
  const visits = visitData
    ? regionBytes(visitDataSizes(visitDataShape(visitData))) +
      options.threads * (userVisitThreadBytes(options, itemCount) + 64)
    : 0;
  const scratch = Math.max(composed, visits);
  // The state too when everything fits in wasm32's 4 GiB; else the tables alone, else plain arrays.
  const placedAll = allocateTableMemory(withState, scratch);
  const placed = placedAll ?? allocateTableMemory(lengths, scratch);
  const [anchors, items, ...state] = placedAll?.tables ?? [
    ...(placed?.tables ?? lengths.map(allocate)),
    ...[...userState, ...itemState].map(allocate),
  ];
  return {
    users: anchors.subarray(0, userCount * options.dim),
    items,
    anchors,
    anchorBlocksClaimed: new Int32Array(shared ? new SharedArrayBuffer(4) : new ArrayBuffer(4)),
    userState: state.slice(0, userState.length),
    itemState: state.slice(userState.length),
    memory: placed?.tableMemory ?? null,
    visitData:
      placedAll && visitData ? placeVisitData(placedAll.tableMemory, visitData, options) : null,
  };
}

/**
 * Scratch for every row-scoring geometry of every thread: each claims 12 bytes (offset, score, norm) per
 * row for twice the most rows it scores at once, again on each growth (at most 4x in all); and each
 * thread's fused triplet step, its batch of examples (the arena's 64-byte alignment included).
 */
function scratchBytes(options: TableOptions): number {
  const maxRows =
    Math.max(
      options.hardNegativeCandidates * POOL_GROUPS,
      options.negativesPerPositive + options.batchSize,
    ) + 1;
  const fused = fusedStepScratchBytes(options.batchSize, maxNegatives(options), options.dim) + 64;
  return options.threads * (GEOMETRIES_PER_THREAD * 12 * (4 * maxRows + 128) + fused);
}

/** Fills both tables with N(0, initStd^2) draws from `random`, projected into the max-norm ball. */
export function initializeTables(
  tables: TrainingTables,
  options: Pick<TrainOptions, 'dim' | 'initStd' | 'maxNorm'> & { random: SeededRandom },
): void {
  for (const table of [tables.users, tables.items]) {
    for (let i = 0; i < table.length; i++) table[i] = options.random.nextNormal() * options.initStd;
    if (options.maxNorm > 0) clipRows(table, options.dim, options.maxNorm);
  }
}

function clipRows(table: Float32Array, dim: number, maxNorm: number): void {
  for (let offset = 0; offset < table.length; offset += dim) {
    let squared = 0;
    for (let k = 0; k < dim; k++) squared += table[offset + k] * table[offset + k];
    if (squared <= maxNorm * maxNorm) continue;
    const scale = maxNorm / Math.sqrt(squared);
    for (let k = 0; k < dim; k++) table[offset + k] *= scale;
  }
}
