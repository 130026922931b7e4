// node bench/run.js bench/train/focus.ts [--config one|four|sixteen|defaults] [--epochs 3] [--runs 1]
// One configuration of bench:train alone (1 thread), so a profile (`node --cpu-prof bench/run.js ...`) or a
// before/after comparison covers only it. Prints each run's triplets per wall and per CPU-second.
import type { TrainOptions } from '@recsys/embedding-training';
import { gowallaShapedData } from './bench-data';
import { measureTraining } from './measure';

// The uniform rows as bench:train runs them: plain user rows (like for like with implicit's BPR).
const UNIFORM: Partial<TrainOptions> = {
  negativeMix: { uniform: 1 },
  userAggregationMode: 'export',
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
  const data = gowallaShapedData();
  for (let run = 0; run < runs; run++) {
    const measured = await measureTraining(data, {
      ...options,
      dim: 64,
      seed: run + 1,
      epochs,
      threads: 1,
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

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
