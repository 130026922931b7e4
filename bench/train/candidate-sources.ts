// node bench/run.js bench/train/candidate-sources.ts [SOURCES] [EPOCHS] [NEGATIVES]
// CPU seconds per epoch of the default training (hard negatives from the first epoch, 1 thread) on
// Gowalla's 20% carve, for each hard-candidate source in turn (default "fresh,block,mirror", 2 epochs
// each; NEGATIVES hardest picks per pair, default the catalogue's):
// the like-for-like cost of where the hardest-of-W candidates are scored, on the real data.
import { readFileSync } from 'node:fs';
import { parseLightGcn, toTrainingData } from '@recsys/datasets';
import {
  catalogueShapeOf,
  resolveTrainOptions,
  trainEmbeddings,
  type HardCandidateSource,
} from '@recsys/embedding-training';
import { findDatasetFile } from '../quality/datasets-dir';
import { splitGowalla } from '../quality/gowalla-split';

const cpuSeconds = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
};

async function main(argv: string[]): Promise<void> {
  const sources = (argv[0] ?? 'fresh,block,mirror').split(',') as HardCandidateSource[];
  const epochs = Number(argv[1] ?? 2);
  const negatives = argv[2] === undefined ? {} : { negativesPerPositive: Number(argv[2]) };
  const file = findDatasetFile('gowalla-lightgcn/train.txt');
  if (!file) throw new Error('gowalla-lightgcn/train.txt not found (set RECSYS_DATASETS_DIR)');
  const table = parseLightGcn(readFileSync(file, 'utf8'));
  const split = splitGowalla(table, 42, 'carve20');
  const data = toTrainingData(table, { rows: split.trainRows, neutralWeight: 0, unlikedWeight: 0, seed: 42 }); // prettier-ignore
  for (const source of sources) {
    const partial = {
      threads: 1,
      epochs,
      hardNegativeWarmupEpochs: 0,
      hardCandidateSource: source,
      ...negatives,
    };
    const options = resolveTrainOptions(partial, catalogueShapeOf(data));
    let cpuAtStart = cpuSeconds();
    await trainEmbeddings(data, options, {
      nowMs: () => performance.now(),
      onEpochEnd: (report) => {
        const cpu = cpuSeconds() - cpuAtStart;
        cpuAtStart = cpuSeconds();
        const line = { source, epoch: report.epoch, loss: round(report.meanLoss), wallSeconds: round(report.seconds), cpuSeconds: round(cpu), pairsPerCpuSecond: Math.round(report.triplets / cpu) }; // prettier-ignore
        process.stdout.write(`${JSON.stringify(line)}\n`);
        return 'continue';
      },
    });
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
