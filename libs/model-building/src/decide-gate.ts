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
 * by about that much, and a model that has learned the newest behaviour should not wait on noise).
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
  const bar = comparison.serving.recall - tolerance;
  const figures = `candidate ${fixed(comparison.candidate.recall)}, serving ${fixed(comparison.serving.recall)}, tolerance ${tolerance}, on ${comparison.rows} held-out likes new to the serving model`;
  return comparison.candidate.recall >= bar
    ? { accepted: true, reason: `${name} ${figures}` }
    : { accepted: false, reason: `${name} below the serving model's: ${figures}` };
}

function fixed(value: number): string {
  return value.toFixed(4);
}
