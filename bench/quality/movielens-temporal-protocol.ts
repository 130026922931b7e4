import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseMovieLens, type InteractionTable } from '@recsys/datasets';
import type { TrainingSet } from '@recsys/domain';
import type { TrainedEmbeddings } from '@recsys/embedding-training';
import {
  fitOnEverything,
  splitRecentLikes,
  trainModel,
  type TrainedModel,
} from '@recsys/model-building';
import { buildUserItemSets, evaluateRanking, type RowSplit } from '@recsys/ranking-metrics';
import type { TrainerSettings } from '../../apps/trainer/src/trainer-dependencies';

/** What the temporal protocol measures for one seed: the three ways to publish, on the later slice. */
export interface TemporalSeedRun {
  seed: number;
  /** The candidate's Recall@K on the trainer's own (inner) holdout: what the gate compares. */
  gateRecall: number;
  results: Record<'candidate' | 'retrained' | 'warmStarted', TemporalResult>;
}

export interface TemporalResult {
  'recall@10': number;
  'ndcg@10': number;
  trainSeconds: number;
}

/**
 * MovieLens-100K temporal: each user's last 20% of ratings by timestamp is the later slice (a test item
 * nobody rated earlier stays in the earlier part); every rating is a like, as in the stratified protocol.
 * The earlier part goes through the trainer's path (model-building, the trainer's settings): a candidate
 * without each user's most recent likes (TRAIN_HOLDOUT_RATIO), then (a) that candidate as is, (b) retrained
 * on all of the earlier part, (c) warm-started from the candidate on all of it; each ranks every item
 * for the later slice, leaving out the user's earlier items. K = 10.
 */
export async function runMovieLensTemporal(
  path: string,
  settings: TrainerSettings,
  seed: number,
): Promise<TemporalSeedRun> {
  const table = parseMovieLens(readFileSync(path, 'utf8'));
  const later = splitRecentLikes(
    {
      userCount: table.userIds.length,
      itemCount: table.itemIds.length,
      users: table.users,
      items: table.items,
      likedAtMs: table.timestampsMs,
    },
    { ratio: 0.2 },
  );
  const model = await trainModel(earlierSet(table, later.trainRows), {
    train: { ...settings.train, seed },
    negatives: settings.negatives,
    holdoutRatio: settings.holdoutRatio,
    evaluationK: 10,
    minRecall: 0,
    gateTolerance: settings.gateTolerance,
    serving: null,
    finalFit: 'retrain',
    warmStartEpochs: settings.warmStartEpochs,
    evaluationThreads: settings.evaluationThreads,
    nowMs: () => performance.now(),
  });
  const retrainSeconds = model.metrics.finalFitSeconds;
  const warmStarted = performance.now();
  const warm = await fitOnEverything(model.indexed.data, model.candidate, {
    finalFit: 'warm-start',
    warmStartEpochs: settings.warmStartEpochs,
    train: model.trainOptions,
    hooks: {},
  });
  const warmSeconds = (performance.now() - warmStarted) / 1000;
  const measure = (embeddings: TrainedEmbeddings, trainSeconds: number) =>
    evaluateLater(table, later, model, embeddings).then((m) => ({ ...m, trainSeconds }));
  const candidateSeconds = model.metrics.trainSeconds;
  return {
    seed,
    gateRecall: model.metrics['recall@10'],
    results: {
      candidate: await measure(model.candidate.embeddings, candidateSeconds),
      retrained: await measure(model.embeddings, candidateSeconds + retrainSeconds),
      warmStarted: await measure(warm, candidateSeconds + warmSeconds),
    },
  };
}

// The earlier part as the event log would hand it to the trainer: one like per rating, with its time.
function earlierSet(table: InteractionTable, rows: Int32Array): TrainingSet {
  return {
    positives: Array.from(rows, (row) => ({
      userId: table.userIds[table.users[row]],
      itemId: table.itemIds[table.items[row]],
      weight: 1,
      likedAtMs: table.timestampsMs[row],
    })),
    triplets: [],
  };
}

// The later slice in the model's own indices (the trainer indexes ids in order of first appearance).
async function evaluateLater(
  table: InteractionTable,
  later: RowSplit,
  model: TrainedModel,
  embeddings: TrainedEmbeddings,
): Promise<Pick<TemporalResult, 'recall@10' | 'ndcg@10'>> {
  const userAt = new Map(model.indexed.userIds.map((id, index) => [id, index]));
  const itemAt = new Map(model.indexed.itemIds.map((id, index) => [id, index]));
  const pairs = {
    userCount: model.indexed.userIds.length,
    users: Int32Array.from(table.users, (u) => userAt.get(table.userIds[u]) ?? -1),
    items: Int32Array.from(table.items, (i) => itemAt.get(table.itemIds[i]) ?? -1),
  };
  const metrics = await evaluateRanking({
    model: embeddings,
    train: buildUserItemSets(pairs, later.trainRows),
    test: buildUserItemSets(pairs, later.testRows),
    k: 10,
    threads: 2,
  });
  return { 'recall@10': metrics.recall, 'ndcg@10': metrics.ndcg };
}
