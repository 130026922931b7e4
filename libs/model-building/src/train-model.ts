import { DomainError, type TrainingSet } from '@recsys/domain';
import {
  resolveTrainOptions,
  trainEmbeddings,
  type EpochDecision,
  type EpochReport,
  type TrainedEmbeddings,
  type TrainingData,
  type TrainOptions,
} from '@recsys/embedding-training';
import {
  buildUserItemSets,
  evaluateRanking,
  metricsRecord,
  splitStratified,
  type RowSplit,
} from '@recsys/ranking-metrics';
import { chooseNegativeMix, type NegativeStrategy } from './choose-negative-mix';
import { indexTrainingSet, type IndexedTrainingSet } from './index-training-set';

export interface ModelTrainingOptions {
  train: Partial<TrainOptions>;
  /** Sampled negatives; `auto` takes the engine's default for the catalogue (see chooseNegativeMix). */
  negatives: NegativeStrategy;
  /** Share of each user's liked items held out to measure the model; 0 skips evaluation. */
  holdoutRatio: number;
  evaluationK: number;
  splitSeed: number;
  /** Quality gate: the held-out Recall@K a model needs to be published. */
  minRecall: number;
  evaluationThreads: number;
  /** A monotonic clock in ms, for `trainSeconds`. */
  nowMs: () => number;
  /**
   * Called after every training epoch with the resolved options (e.g. to report progress); 'stop' ends
   * training early, and a throw ends the run with that error (a cancelled job).
   */
  onEpochEnd?: (
    report: EpochReport,
    trainOptions: TrainOptions,
  ) => EpochDecision | Promise<EpochDecision>;
}

export interface TrainedModel {
  indexed: IndexedTrainingSet;
  embeddings: TrainedEmbeddings;
  trainOptions: TrainOptions;
  metrics: Record<string, number>;
}

/**
 * Trains embeddings on a training set, measures them on a held-out part of each user's liked items and
 * applies the quality gate. Throws NO_TRAINING_DATA or QUALITY_GATE_FAILED instead of returning a model
 * that must not be published.
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
    { itemCount: indexed.itemIds.length },
  );
  const split =
    options.holdoutRatio > 0
      ? splitStratified(
          { users: indexed.data.positives.users, userCount: indexed.data.userCount },
          {
            testRatio: options.holdoutRatio,
            seed: options.splitSeed,
          },
        )
      : null;
  const trainData = split ? withoutHeldOut(indexed.data, split) : indexed.data;
  const startedMs = options.nowMs();
  const { onEpochEnd } = options;
  const embeddings = await trainEmbeddings(trainData, trainOptions, {
    nowMs: options.nowMs,
    onEpochEnd: onEpochEnd && ((report) => onEpochEnd(report, trainOptions)),
  });
  const trainSeconds = (options.nowMs() - startedMs) / 1000;
  assertFinite(embeddings);
  const metrics: Record<string, number> = {
    trainSeconds,
    epochs: embeddings.epochs.length,
    finalLoss: embeddings.epochs.at(-1)?.meanLoss ?? 0,
    users: indexed.userIds.length,
    items: indexed.itemIds.length,
    positives: trainData.positives.users.length,
    explicitTriplets: trainData.explicitTriplets.users.length,
  };
  if (split && split.testRows.length > 0) {
    Object.assign(metrics, await evaluateHeldOut(indexed, split, embeddings, options));
    const recall = metrics[`recall@${options.evaluationK}`];
    if (!(recall >= options.minRecall)) {
      throw new DomainError(
        'QUALITY_GATE_FAILED',
        `held-out recall@${options.evaluationK} ${recall.toFixed(4)} is below the gate ${options.minRecall}`,
        { metrics },
      );
    }
  }
  return { indexed, embeddings, trainOptions, metrics };
}

async function evaluateHeldOut(
  indexed: IndexedTrainingSet,
  split: RowSplit,
  embeddings: TrainedEmbeddings,
  options: ModelTrainingOptions,
): Promise<Record<string, number>> {
  const pairs = { userCount: indexed.data.userCount, ...indexed.data.positives };
  const result = await evaluateRanking({
    model: embeddings,
    train: buildUserItemSets(pairs, split.trainRows),
    test: buildUserItemSets(pairs, split.testRows),
    k: options.evaluationK,
    threads: options.evaluationThreads,
  });
  const { users, ...rest } = metricsRecord(result);
  return { ...rest, evaluatedUsers: users };
}

// Held-out liked items must not reach training, not even as the liked item of an explicit triplet.
function withoutHeldOut(data: TrainingData, split: RowSplit): TrainingData {
  const { positives, explicitTriplets: triplets } = data;
  const heldOut = new Set<number>();
  for (const row of split.testRows)
    heldOut.add(positives.users[row] * data.itemCount + positives.items[row]);
  const keep = [...triplets.users.keys()].filter(
    (i) => !heldOut.has(triplets.users[i] * data.itemCount + triplets.positives[i]),
  );
  const pick = <T extends Int32Array | Float32Array>(array: T, rows: ArrayLike<number>): T => {
    const out = new (array.constructor as new (n: number) => T)(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = array[rows[i]];
    return out;
  };
  return {
    ...data,
    positives: {
      users: pick(positives.users, split.trainRows),
      items: pick(positives.items, split.trainRows),
      weights: pick(positives.weights, split.trainRows),
    },
    explicitTriplets: {
      users: pick(triplets.users, keep),
      positives: pick(triplets.positives, keep),
      negatives: pick(triplets.negatives, keep),
    },
  };
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
