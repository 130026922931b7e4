import { DomainError, type ModelSnapshot, type TrainingSet } from '@recsys/domain';
import {
  catalogueShapeOf,
  resolveTrainOptions,
  trainEmbeddings,
  type EpochDecision,
  type EpochReport,
  type TrainedEmbeddings,
  type TrainOptions,
} from '@recsys/embedding-training';
import { chooseNegativeMix, type NegativeStrategy } from './choose-negative-mix';
import { compareWithServing } from './compare-with-serving';
import { decideGate } from './decide-gate';
import { evaluateHeldOut, withoutHeldOut } from './held-out-rows';
import { fitOnEverything, type FinalFit } from './fit-on-everything';
import { indexTrainingSet, type IndexedTrainingSet } from './index-training-set';
import { splitRecentLikes } from './split-recent-likes';

export interface ModelTrainingOptions {
  train: Partial<TrainOptions>;
  /** Sampled negatives; `auto` takes the engine's default for the catalogue (see chooseNegativeMix). */
  negatives: NegativeStrategy;
  /** Share of each user's most recent likes held out to measure the candidate; 0 skips evaluation. */
  holdoutRatio: number;
  evaluationK: number;
  /** Absolute floor: the held-out Recall@K any model needs to become current. */
  minRecall: number;
  /** Relative gate: the candidate needs Recall@K >= the serving model's minus this. */
  gateTolerance: number;
  /** The model serving now (compared on the same held-out likes), or null for the first model. */
  serving: ModelSnapshot | null;
  /** How a candidate that passed learns the held-out likes before it is published. */
  finalFit: FinalFit;
  warmStartEpochs: number;
  evaluationThreads: number;
  /** A monotonic clock in ms, for `trainSeconds`. */
  nowMs: () => number;
  /**
   * Called after every training epoch (the candidate's, then the final fit's, numbered on from the
   * candidate's) with the resolved options, `epochs` being every epoch planned (e.g. to report progress);
   * 'stop' ends that training run early, and a throw ends the run with that error (a cancelled job).
   */
  onEpochEnd?: (
    report: EpochReport,
    trainOptions: TrainOptions,
  ) => EpochDecision | Promise<EpochDecision>;
}

export interface TrainedModel {
  indexed: IndexedTrainingSet;
  /** The vectors to publish: fitted on everything when the gate passed, else the candidate's. */
  embeddings: TrainedEmbeddings;
  trainOptions: TrainOptions;
  metrics: Record<string, number>;
  /** Why the gate did not accept the candidate (both figures), or null when it becomes current. */
  rejected: string | null;
  /** The candidate (trained without the held-out likes) and its raw last-epoch tables, for comparisons. */
  candidate: {
    embeddings: TrainedEmbeddings;
    tables: { users: Float32Array; items: Float32Array };
  };
}

/**
 * Trains a candidate without each user's most recent likes, measures it on them, compares it with the
 * serving model on the same likes (decideGate), and, if it passes, fits the published model on every
 * row (fitOnEverything). A rejected candidate comes back with `rejected` set, to be stored, not served.
 * Throws NO_TRAINING_DATA, and QUALITY_GATE_FAILED for diverged (non-finite) vectors.
 */
export async function trainModel(
  set: TrainingSet,
  options: ModelTrainingOptions,
): Promise<TrainedModel> {
  if (set.positives.length === 0) {
    throw new DomainError(
      'NO_TRAINING_DATA',
      'the event log holds no liked interactions to train on',
    );
  }
  const indexed = indexTrainingSet(set);
  const trainOptions = resolveTrainOptions(
    { negativeMix: chooseNegativeMix(options.negatives), ...options.train },
    catalogueShapeOf(indexed.data),
  );
  const likes = { ...indexed.data, ...indexed.data.positives, likedAtMs: indexed.likedAtMs };
  const split =
    options.holdoutRatio > 0 ? splitRecentLikes(likes, { ratio: options.holdoutRatio }) : null;
  const heldOut = split && split.testRows.length > 0 ? split : null;
  const trainData = heldOut ? withoutHeldOut(indexed.data, heldOut) : indexed.data;
  const hooks = { nowMs: options.nowMs };
  const startedMs = options.nowMs();
  const tables = { users: new Float32Array(0), items: new Float32Array(0) };
  const fitEpochs = options.finalFit === 'retrain' ? trainOptions.epochs : options.warmStartEpochs;
  const planned = { ...trainOptions, epochs: trainOptions.epochs + (heldOut ? fitEpochs : 0) };
  const report = (epochReport: EpochReport, epochOffset: number): Promise<EpochDecision> =>
    Promise.resolve(
      options.onEpochEnd?.({ ...epochReport, epoch: epochReport.epoch + epochOffset }, planned) ??
        'continue',
    );
  const candidate = await trainEmbeddings(trainData, trainOptions, {
    ...hooks,
    // The raw tables of the last epoch: the warm start continues from them (the returned vectors may
    // carry export-time aggregation).
    onEpochEnd: (epochReport, live) => {
      if (epochReport.epoch === trainOptions.epochs) {
        tables.users = live.userVectors.slice();
        tables.items = live.itemVectors.slice();
      }
      return report(epochReport, 0);
    },
  });
  const trainSeconds = (options.nowMs() - startedMs) / 1000;
  assertFinite(candidate);
  const metrics: Record<string, number> = {
    trainSeconds,
    epochs: candidate.epochs.length,
    finalLoss: candidate.epochs.at(-1)?.meanLoss ?? 0,
    users: indexed.userIds.length,
    items: indexed.itemIds.length,
    positives: trainData.positives.users.length,
    explicitTriplets: trainData.explicitTriplets.users.length,
    heldOutLikes: heldOut?.testRows.length ?? 0,
  };
  const k = options.evaluationK;
  const threads = options.evaluationThreads;
  if (heldOut) Object.assign(metrics, await evaluateHeldOut(indexed, heldOut, candidate, { k, threads })); // prettier-ignore
  const comparison =
    heldOut && options.serving
      ? await compareWithServing({ indexed, split: heldOut, candidate, serving: options.serving }, { k, threads }) // prettier-ignore
      : null;
  if (comparison) {
    Object.assign(metrics, {
      [`gateCandidateRecall@${k}`]: comparison.candidate.recall,
      [`gateServingRecall@${k}`]: comparison.serving.recall,
      gateLikes: comparison.rows,
    });
  }
  const decision = decideGate({
    k,
    recall: heldOut ? metrics[`recall@${k}`] : null,
    comparison,
    minRecall: options.minRecall,
    tolerance: options.gateTolerance,
  });
  const trained = { indexed, trainOptions, metrics, candidate: { embeddings: candidate, tables } };
  if (!decision.accepted || !heldOut || tables.users.length === 0) {
    return {
      ...trained,
      embeddings: candidate,
      rejected: decision.accepted ? null : decision.reason,
    };
  }
  const fitStartedMs = options.nowMs();
  const fitHooks = { ...hooks, onEpochEnd: (epochReport: EpochReport) => report(epochReport, trainOptions.epochs) }; // prettier-ignore
  const embeddings = await fitOnEverything(indexed.data, { tables }, { ...options, train: trainOptions, hooks: fitHooks }); // prettier-ignore
  metrics.finalFitSeconds = (options.nowMs() - fitStartedMs) / 1000;
  assertFinite(embeddings);
  return { ...trained, embeddings, rejected: null };
}

function assertFinite(embeddings: TrainedEmbeddings): void {
  const finite = (table: Float32Array) => table.every((x) => Number.isFinite(x));
  if (!finite(embeddings.userVectors) || !finite(embeddings.itemVectors)) {
    throw new DomainError(
      'QUALITY_GATE_FAILED',
      'training diverged: the embeddings hold NaN or Infinity',
    );
  }
}
