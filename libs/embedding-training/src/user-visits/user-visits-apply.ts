import { NEGATIVE_SOURCES } from '../negatives/negative-mix-schedule';
import type { TrainOptions } from '../train-options';
import { kernelTakesCandidates, kernelTakesDim, kernelTakesNegatives } from './user-visit-kernel';
import { regionBytes, visitThreadSizes } from './user-visit-layout';

// When whole user visits train (`userVisitsApply`) and what each thread's arrays take: what the table
// allocation needs to know without the trainer (user-visits/user-visit-trainer.ts).

/**
 * Work items handed to one kernel call. A call is ~4 µs per pair, so JavaScript's share of a chunk (the
 * copy of its pair numbers) stays far below 1%.
 */
export const WORK_CHUNK = 4096;
/** The sources a visit draws from: hardest-of-W picks and the warm-up's uniform draws. */
const VISIT_SOURCES = new Set(['uniform', 'hardest']);
/** The kernel's row-Adagrad adds this to the root of the accumulator (the optimisers' default). */
const KERNEL_EPSILON = 1e-8;

export type VisitOptions = Pick<
  TrainOptions,
  | 'dim'
  | 'loss'
  | 'optimizer'
  | 'negativeReduction'
  | 'hardNegativeSelection'
  | 'negativeMix'
  | 'hardCandidateSource'
  | 'hardCandidateReuse'
  | 'hardNegativeCandidates'
  | 'negativesPerPositive'
  | 'inBatchNegatives'
  | 'exampleOrder'
  | 'l2'
  | 'epsilon'
  | 'engine'
  | 'visitKernel'
>;

/**
 * The combination `userVisitsApply` checks, in words, for messages that name it (kept beside the
 * conditions so the two change together).
 */
export const VISIT_KERNEL_COMBINATION =
  'engine kernel, visitKernel on, loss triplet, row-adagrad without l2 at epsilon 1e-8, rank-weighted, ' +
  'hardNegativeSelection each, hardest picks (with uniform alone beside them) from the mirror ' +
  'hardCandidateSource, hardCandidateReuse 1, no in-batch negatives, by-user order, dim a multiple of 16 ' +
  'up to 1024, hardNegativeCandidates up to 1024, negativesPerPositive 1-4';

/**
 * True when the options are the large-catalogue defaults' combination that `assembly/user-visit.wat`
 * trains whole: the Euclidean triplet hinge, rank-weighted over 1-4 hardest-of-W picks from the candidate
 * mirror (with the warm-up's uniform share), row-Adagrad without L2, users visited in turn.
 */
export function userVisitsApply(options: VisitOptions): boolean {
  const { negativeMix } = options;
  const sources = NEGATIVE_SOURCES.filter((source) => (negativeMix[source] ?? 0) > 0);
  return (
    options.engine === 'kernel' &&
    options.visitKernel === 'on' &&
    options.loss === 'triplet' &&
    options.optimizer === 'row-adagrad' &&
    options.negativeReduction === 'rank-weighted' &&
    options.hardNegativeSelection === 'each' &&
    (negativeMix.hardest ?? 0) > 0 &&
    sources.every((source) => VISIT_SOURCES.has(source)) &&
    options.hardCandidateSource === 'mirror' &&
    options.hardCandidateReuse === 1 &&
    options.inBatchNegatives === 'none' &&
    options.exampleOrder === 'by-user' &&
    options.l2 === 0 &&
    options.epsilon === KERNEL_EPSILON &&
    kernelTakesDim(options.dim) &&
    kernelTakesCandidates(options.hardNegativeCandidates) &&
    kernelTakesNegatives(options.negativesPerPositive)
  );
}

/**
 * Arena bytes one thread's visits claim (`UserVisitTrainer.create`): context, scratch, rank weights, noise
 * table, mirror, work.
 */
export function userVisitThreadBytes(
  options: Pick<TrainOptions, 'dim' | 'hardNegativeCandidates' | 'negativesPerPositive'>,
  itemCount: number,
): number {
  return regionBytes(visitThreadSizes(options, itemCount, WORK_CHUNK));
}
