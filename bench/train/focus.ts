// node bench/run.js bench/train/focus.ts [--config one|four|sixteen|defaults] [--epochs 3] [--runs 1]
//   [--threads 1] [--gowalla] [--reduction mean|sum|softmax (uniform configs)]
// One configuration of bench:train alone (1 thread by default), so a profile (`node --cpu-prof
// bench/run.js ...`) or a before/after comparison covers only it. Prints each run's triplets per wall and
// per CPU-second. --gowalla trains on gowalla-lightgcn/train.txt (RECSYS_DATASETS_DIR) instead of the
// Gowalla-shaped synthetic data.
import { readFileSync } from 'node:fs';
import { parseLightGcn, toTrainingData } from '@recsys/datasets';
import type { TrainingData, TrainOptions } from '@recsys/embedding-training';
import { findDatasetFile } from '../quality/datasets-dir';
import { gowallaShapedData } from './bench-data';
import { measureTraining } from './measure';

// The uniform rows as bench:train runs them: plain user rows and the hinge's mean (like for like with
// implicit's BPR; --reduction softmax measures the catalogue default's reduction instead).
const UNIFORM: Partial<TrainOptions> = {
  negativeMix: { uniform: 1 },
  userAggregationMode: 'export',
  negativeReduction: arg('reduction', 'mean') as TrainOptions['negativeReduction'],
};
const CONFIGS: Record<string, Partial<TrainOptions>> = {
  one: { ...UNIFORM, negativesPerPositive: 1 },
  four: { ...UNIFORM, negativesPerPositive: 4 },
  sixteen: { ...UNIFORM, negativesPerPositive: 16 },
  defaults: { hardNegativeWarmupEpochs: 0 },
};

function arg(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : fallback;
}

async function main(): Promise<void> {
  const config = arg('config', 'one');
  const options = CONFIGS[config];
  if (options === undefined)
    throw new Error(`--config must be one of ${Object.keys(CONFIGS).join(', ')}`);
  const epochs = Number(arg('epochs', '3'));
  const runs = Number(arg('runs', '1'));
  const threads = Number(arg('threads', '1'));
  const data = process.argv.includes('--gowalla') ? gowallaData() : gowallaShapedData();
  for (let run = 0; run < runs; run++) {
    const measured = await measureTraining(data, {
      ...options,
      dim: 64,
      seed: run + 1,
      epochs,
      threads,
    });
    console.log(
      JSON.stringify({
        config,
        tripletsPerSecond: Math.round(measured.tripletsPerSecond),
        tripletsPerCpuSecond: Math.round(measured.tripletsPerCpuSecond),
        cpuShare: Number(measured.cpuShare.toFixed(2)),
      }),
    );
  }
}

function gowallaData(): TrainingData {
  const path = findDatasetFile('gowalla-lightgcn/train.txt');
  if (!path) throw new Error('gowalla-lightgcn/train.txt not found (set RECSYS_DATASETS_DIR)');
  const table = parseLightGcn(readFileSync(path, 'utf8'));
  return toTrainingData(table, { neutralWeight: 0, unlikedWeight: 0, seed: 42 });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
