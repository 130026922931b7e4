import type { ServingComparison } from './compare-with-serving';

/** Whether a candidate becomes current, and why (both figures in the text). */
export interface GateDecision {
  accepted: boolean;
  reason: string;
}

/**
 * The quality gate. A candidate needs held-out Recall@K >= `minRecall` (the absolute floor: the first
 * model, or one with nothing to compare against) and, when compared with the serving model on the same
 * held-out likes, a Recall@K of at least the serving model's minus `tolerance` (seeds alone move recall
 * by about that much, and a model that has learned the newest behaviour should not wait on noise) minus
 * the sampling noise of the comparison: two standard errors of a difference of two recalls over `rows`
 * likes. On a handful of new likes (one of six hit or missed moves recall by 0.17) the comparison cannot
 * tell models apart, so it does not reject; on thousands the allowance shrinks towards `tolerance`.
 */
export function decideGate(input: {
  k: number;
  /** The candidate's Recall@K on its whole holdout; null when nothing was held out. */
  recall: number | null;
  comparison: ServingComparison | null;
  minRecall: number;
  tolerance: number;
}): GateDecision {
  const { k, recall, comparison, minRecall, tolerance } = input;
  const name = `recall@${k}`;
  if (recall === null) {
    return { accepted: true, reason: 'nothing held out (TRAIN_HOLDOUT_RATIO=0 or too few likes)' };
  }
  if (!(recall >= minRecall)) {
    return {
      accepted: false,
      reason: `held-out ${name} ${fixed(recall)} is below the floor ${minRecall}`,
    };
  }
  if (comparison === null) {
    return {
      accepted: true,
      reason: `held-out ${name} ${fixed(recall)} reaches the floor ${minRecall}; no held-out like to compare with a serving model`,
    };
  }
  const noise = samplingNoise(comparison);
  const bar = comparison.serving.recall - tolerance - noise;
  const figures = `candidate ${fixed(comparison.candidate.recall)}, serving ${fixed(comparison.serving.recall)}, tolerance ${tolerance} + sampling noise ${fixed(noise)}, on ${comparison.rows} held-out likes new to the serving model`;
  return comparison.candidate.recall >= bar
    ? { accepted: true, reason: `${name} ${figures}` }
    : { accepted: false, reason: `${name} below the serving model's: ${figures}` };
}

/** Two standard errors of the difference of two recalls measured on the same `rows` likes. */
export function samplingNoise(comparison: ServingComparison): number {
  const mean = (comparison.candidate.recall + comparison.serving.recall) / 2;
  const rows = Math.max(1, comparison.rows);
  return 2 * Math.sqrt((2 * mean * (1 - mean)) / rows);
}

function fixed(value: number): string {
  return value.toFixed(4);
}
