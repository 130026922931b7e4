import { readFileSync } from 'node:fs';
import { parseLightGcn } from '@recsys/datasets';
import { PipelineOptions } from '../../apps/cli/src/training/train-pipeline';
import { trainAndEvaluate } from './evaluate-holdout';
import { describeCarve, GowallaCarve, splitGowalla } from './gowalla-split';
import { QualityBar, QualityRun } from './quality-run';

/**
 * Gowalla (LightGCN split, train half only): a carve of each user's items in train.txt (20% by default,
 * as the official split was made; `carve10` for continuity) is held out (seeded) as the validation set
 * scored here; the model trains on the rest; full ranking, K = 20. The official test half is withheld;
 * its scores are measured independently.
 */
export async function runGowalla(
  path: string,
  pipeline: PipelineOptions,
  splitSeed: number,
  carve: GowallaCarve,
): Promise<QualityRun> {
  const table = parseLightGcn(readFileSync(path, 'utf8'));
  const split = splitGowalla(table, splitSeed, carve);
  const measured = await trainAndEvaluate(table, split, { pipeline, k: 20 });
  return {
    ...measured,
    dataset: 'gowalla',
    protocol: `${describeCarve(carve)} held out (seeded, ${carve}), full ranking, K=20`,
    settings: { splitSeed, carve, rows: table.users.length, trainRows: split.trainRows.length },
    bars: gowallaBars(measured, carve),
  };
}

function gowallaBars(
  measured: Pick<QualityRun, 'metrics' | 'training' | 'evalSeconds'>,
  carve: GowallaCarve,
): QualityBar[] {
  const { metrics, training, evalSeconds } = measured;
  // The 10% carve holds ~2.7 items per user (the official test ~7): recall is higher and NDCG lower
  // than on the official split; the nested carve trains on less data. Only the 20% carve is held to
  // the anchors.
  const comparable = carve === 'carve20';
  const note = comparable ? '' : `: not comparable on ${carve}`;
  return [
    {
      name: 'recall@20',
      value: metrics.recall,
      threshold: 0.192,
      informational: !comparable,
      anchor: `BSPM-EM 0.1920 (best published); required > 0.1872 (SimpleX)${note}`,
    },
    {
      name: 'ndcg@20',
      value: metrics.ndcg,
      threshold: 0.1597,
      informational: !comparable,
      anchor: `BSPM-EM 0.1597 (best published); required > 0.1557 (SimpleX)${note}`,
    },
    {
      name: 'trainSeconds',
      value: training.trainSeconds,
      threshold: 60,
      lowerIsBetter: true,
      anchor: '1 min on 2 quiet cores; required < 5 min',
    },
    {
      name: 'evalSeconds',
      value: evalSeconds,
      threshold: 60,
      lowerIsBetter: true,
      anchor: 'full ranking of all users',
    },
  ];
}
