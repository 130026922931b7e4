import type { ModelMetadataFile } from '../io/model-export';

/** The trainer's quality gate, applied to a model trained offline. */
export interface PublishGate {
  /** Held-out Recall@K a model needs (the trainer's TRAIN_MIN_RECALL; 0 lets an unmeasured model through). */
  minRecall: number;
  /** K of the recall; default: the K the model was validated with. */
  k?: number;
}

/** Whether the model may be published, and why. */
export interface GateDecision {
  passed: boolean;
  reason: string;
}

interface ValidationRecord {
  k?: number;
  metrics?: Record<string, number>;
}

/**
 * The trainer's gate (`trainModel` in libs/model-building): finite vectors, and a held-out Recall@K of
 * at least `minRecall`. The measure is the validation `recsys train --validation F` recorded in
 * model.json; a model without one passes only a gate of 0, as the trainer publishes unmeasured
 * models when its hold-out is 0.
 */
export function checkPublishGate(
  metadata: ModelMetadataFile,
  vectors: { userVectors: Float32Array; itemVectors: Float32Array },
  gate: PublishGate,
): GateDecision {
  const finite = (table: Float32Array): boolean => table.every((x) => Number.isFinite(x));
  if (!finite(vectors.userVectors) || !finite(vectors.itemVectors)) {
    return { passed: false, reason: 'training diverged: the embeddings hold NaN or Infinity' };
  }
  const validation = metadata.validation as ValidationRecord | null | undefined;
  const k = gate.k ?? validation?.k;
  const recall = k === undefined ? undefined : validation?.metrics?.[`recall@${k}`];
  const measure = `held-out recall@${k ?? 'K'}`;
  if (recall === undefined) {
    const passed = gate.minRecall <= 0;
    const note = `model.json has no ${measure} (train with --validation F)`;
    return { passed, reason: passed ? `${note}; the gate is 0` : `${note}; the gate needs ${gate.minRecall}` }; // prettier-ignore
  }
  const passed = recall >= gate.minRecall;
  const comparison = passed ? 'reaches' : 'is below';
  return {
    passed,
    reason: `${measure} ${recall.toFixed(4)} ${comparison} the gate ${gate.minRecall}`,
  };
}
