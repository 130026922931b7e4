import { readFileSync } from 'node:fs';
import { parseMovieLens } from '@recsys/datasets';
import { splitStratified } from '@recsys/ranking-metrics';
import { PipelineOptions } from '../../apps/cli/src/training/train-pipeline';
import { trainAndEvaluate } from './evaluate-holdout';
import { QualityRun } from './quality-run';

/**
 * MovieLens-100K as in Microsoft Recommenders: per-user stratified random split 75/25 (seeded); every
 * rated test item is relevant; the training ratings are the only input; full ranking with K = 10.
 */
export async function runMovieLens(
  path: string,
  pipeline: PipelineOptions,
  splitSeed: number,
): Promise<QualityRun> {
  const table = parseMovieLens(readFileSync(path, 'utf8'));
  const users = { users: table.users, userCount: table.userIds.length };
  const split = splitStratified(users, { testRatio: 0.25, seed: splitSeed });
  const measured = await trainAndEvaluate(table, split, { pipeline, k: 10 });
  const { ndcg, recall } = measured.metrics;
  return {
    ...measured,
    dataset: 'movielens-100k',
    protocol: 'stratified 75/25 per user, all rated test items relevant, K=10',
    settings: { splitSeed, rows: table.users.length, trainRows: split.trainRows.length },
    bars: [
      {
        name: 'ndcg@10',
        value: ndcg,
        threshold: 0.475,
        anchor: 'BiVAE 0.475; required > 0.442 (BPR)',
      },
      { name: 'recall@10', value: recall, threshold: 0.22, anchor: 'BiVAE 0.2191, BPR 0.2125' },
    ],
  };
}
