import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadTrainerConfig, trainerSettingsFrom } from '../../apps/trainer/src/config';
import { datasetsDir, findDatasetFile } from './datasets-dir';
import { runMovieLensTemporal, type TemporalSeedRun } from './movielens-temporal-protocol';

const FILE = 'movielens-100k/u.data';
const WAYS = ['candidate', 'retrained', 'warmStarted'] as const;

/**
 * `npm run bench:quality -- movielens-100k-temporal [--seeds 42,43,44] [--threads N]
 * [--warm-start-epochs N] [--epochs N]`: the trainer's defaults (its env schema) unless overridden.
 * Prints a table, writes JSON under bench/results/ and prints the summary JSON last.
 */
export async function runTemporalBench(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      seeds: { type: 'string', default: '42,43,44' },
      threads: { type: 'string' },
      'warm-start-epochs': { type: 'string' },
      epochs: { type: 'string' },
    },
  });
  const path = findDatasetFile(FILE);
  if (!path) {
    process.stdout.write(`bench:quality movielens-100k-temporal: skipped, ${FILE} not found under ${datasetsDir()} (set RECSYS_DATASETS_DIR)\n`); // prettier-ignore
    return 0;
  }
  const env = {
    ...(values.threads ? { TRAIN_THREADS: values.threads } : {}),
    ...(values['warm-start-epochs']
      ? { TRAIN_WARM_START_EPOCHS: values['warm-start-epochs'] }
      : {}),
    ...(values.epochs ? { TRAIN_EPOCHS: values.epochs } : {}),
  };
  const settings = trainerSettingsFrom(loadTrainerConfig(env), process.pid);
  const runs: TemporalSeedRun[] = [];
  for (const seed of values.seeds.split(',').map(Number)) {
    runs.push(await runMovieLensTemporal(path, settings, seed));
    process.stderr.write(`seed ${seed}: ${JSON.stringify(runs.at(-1)!.results)}\n`);
  }
  const summary = summarize(runs);
  const lines = [
    'bench:quality movielens-100k-temporal: last 20% of each user by time, K=10, trainer defaults',
    `  ${'way'.padEnd(12)} ${'recall@10'.padStart(9)} ${'ndcg@10'.padStart(9)} ${'seconds'.padStart(8)}  (median of ${runs.length} seeds; recall range)`,
    ...WAYS.map((way) => {
      const s = summary[way];
      return `  ${way.padEnd(12)} ${s['recall@10'].toFixed(4).padStart(9)} ${s['ndcg@10'].toFixed(4).padStart(9)} ${s.trainSeconds.toFixed(1).padStart(8)}  [${s.recallMin.toFixed(4)}, ${s.recallMax.toFixed(4)}]`;
    }),
    `  gate recall@10 on the trainer's own holdout: ${runs.map((r) => r.gateRecall.toFixed(4)).join(', ')} (spread ${summary.gateRecallSpread.toFixed(4)})`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const directory = resolve(__dirname, '..', 'results');
  mkdirSync(directory, { recursive: true });
  const file = join(directory, `quality-movielens-100k-temporal-${new Date().toISOString().replace(/[:.]/g, '-')}.json`); // prettier-ignore
  const details = { dataset: 'movielens-100k-temporal', ...summary, protocol: 'last 20% of each user by timestamp, all ratings relevant, K=10', settings: { train: settings.train, negatives: settings.negatives, holdoutRatio: settings.holdoutRatio, warmStartEpochs: settings.warmStartEpochs }, runs }; // prettier-ignore
  writeFileSync(file, `${JSON.stringify(details, null, 2)}\n`);
  process.stdout.write(`results: ${file}\n${JSON.stringify({ dataset: 'movielens-100k-temporal', ...summary })}\n`); // prettier-ignore
  return 0;
}

function summarize(runs: TemporalSeedRun[]) {
  const median = (values: number[]): number => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  const per = (way: (typeof WAYS)[number]) => {
    const recalls = runs.map((r) => r.results[way]['recall@10']);
    return {
      'recall@10': median(recalls),
      'ndcg@10': median(runs.map((r) => r.results[way]['ndcg@10'])),
      trainSeconds: median(runs.map((r) => r.results[way].trainSeconds)),
      recallMin: Math.min(...recalls),
      recallMax: Math.max(...recalls),
    };
  };
  const gate = runs.map((r) => r.gateRecall);
  return {
    candidate: per('candidate'),
    retrained: per('retrained'),
    warmStarted: per('warmStarted'),
    gateRecallSpread: Math.max(...gate) - Math.min(...gate),
  };
}
