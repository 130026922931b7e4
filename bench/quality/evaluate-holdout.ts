import { performance } from 'node:perf_hooks';
import { InteractionTable } from '@recsys/datasets';
import { buildUserItemSets, evaluateRanking, RowSplit } from '@recsys/ranking-metrics';
import { PipelineOptions, trainFromTable } from '../../apps/cli/src/training/train-pipeline';
import { QualityRun } from './quality-run';

/**
 * Trains on the train rows of `split` with the pipeline (the `recsys train` code path), then ranks
 * every item for each user with test rows, leaving out the user's train rows; all test rows are relevant.
 */
export async function trainAndEvaluate(
  table: InteractionTable,
  split: RowSplit,
  run: { pipeline: PipelineOptions; k: number },
): Promise<Pick<QualityRun, 'metrics' | 'training' | 'evalSeconds'>> {
  const training = await trainFromTable(table, run.pipeline, split.trainRows);
  const pairs = { userCount: table.userIds.length, users: table.users, items: table.items };
  const started = performance.now();
  const metrics = await evaluateRanking({
    model: training.model,
    train: buildUserItemSets(pairs, split.trainRows),
    test: buildUserItemSets(pairs, split.testRows),
    k: run.k,
    threads: training.options.threads,
  });
  return { metrics, training, evalSeconds: (performance.now() - started) / 1000 };
}
