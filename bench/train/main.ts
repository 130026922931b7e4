// npm run bench:train [-- --runs 3 --epochs 3 --gowalla]: training throughput (triplets/s) at dim 64 for
// the typed-array kernel with 1 and 2 threads, the TensorFlow.js engine, and the plain-loop reference;
// with --gowalla, also the wall and CPU seconds of the whole default Gowalla run (train.txt).
import {
  catalogueShapeOf,
  resolveTrainOptions,
  type TrainingData,
  type TrainOptions,
} from '@recsys/embedding-training';
import { gowallaShapedData, subset } from './bench-data';
import { gowallaDefaultRun } from './gowalla-default-run';
import { measureTraining, type Measurement } from './measure';
import { plainTripletLoop } from './plain-triplet-loop';
import { reportTrainBench, type BenchRow } from './report';

const DIM = 64;

/** The headline configuration: sampled negatives, many per positive (the kernel's intended use). */
// Like for like with implicit's BPR: plain user rows (the catalogue default of 40,981 items would train
// users as the behaviour mix, which a BPR sample does not pay for) and the hinge averaged over the
// negatives, as these rows measured before the catalogue default became the softmax (whose Math.exp and
// Math.log per example cost the 1-negative row ~25% on the fused step: focus.ts --reduction softmax).
const HEADLINE: Partial<TrainOptions> = {
  negativeMix: { uniform: 1 },
  negativesPerPositive: 16,
  userAggregationMode: 'export',
  negativeReduction: 'mean',
};
const DEFAULTS_ROW = 'kernel, defaults without warm-up';
const COMPOSED_ROW = `${DEFAULTS_ROW}, composed kernels`;
const FRESH_ROW = `${DEFAULTS_ROW}, fresh candidates`;
const CONFIGS: { name: string; threads: number; options: Partial<TrainOptions> }[] = [
  { name: 'kernel, 16 uniform negatives/pair', threads: 1, options: HEADLINE },
  { name: 'kernel, 16 uniform negatives/pair', threads: 2, options: HEADLINE },
  {
    name: 'kernel, 4 uniform negatives/pair',
    threads: 1,
    options: { ...HEADLINE, negativesPerPositive: 4 },
  },
  {
    name: 'kernel, 1 uniform negative/pair',
    threads: 1,
    options: { ...HEADLINE, negativesPerPositive: 1 },
  },
  // Hard negatives from the first epoch: the steady-state cost of the defaults, not their warm-up.
  { name: DEFAULTS_ROW, threads: 1, options: { hardNegativeWarmupEpochs: 0 } },
  // The same through the composed kernels (example builder, sampler, mirror, fused step): the path
  // before whole user visits.
  {
    name: COMPOSED_ROW,
    threads: 1,
    options: { hardNegativeWarmupEpochs: 0, visitKernel: 'off' },
  },
  // The same with every pick scoring W random rows of the table (the path before the candidate block).
  {
    name: FRESH_ROW,
    threads: 1,
    options: { hardNegativeWarmupEpochs: 0, hardCandidateSource: 'fresh' },
  },
];

/** The row of the configuration named `name`. */
function configIndex(name: string): number {
  const index = CONFIGS.findIndex((config) => config.name === name);
  if (index < 0) throw new Error(`no bench configuration ${name}`);
  return index;
}

/** "hardest of 128 from the mirror source, 2/pair": what the defaults amount to on `data` (they depend on its catalogue). */
function describeDefaults(data: TrainingData): string {
  const resolved = resolveTrainOptions({}, catalogueShapeOf(data));
  const sources = Object.keys(resolved.negativeMix).join('+');
  const {
    hardNegativeCandidates: w,
    negativesPerPositive: k,
    hardCandidateSource: from,
  } = resolved;
  return `${sources} of ${w} from the ${from} source, ${k}/pair`;
}

function parseArgs(argv: string[]): { runs: number; epochs: number; gowalla: boolean } {
  const value = (name: string, fallback: number) => {
    const index = argv.indexOf(`--${name}`);
    const parsed = index >= 0 ? Number(argv[index + 1]) : fallback;
    if (!Number.isInteger(parsed) || parsed < 1) {
      throw new Error(`--${name} must be a whole number >= 1, got ${argv[index + 1]}`);
    }
    return parsed;
  };
  return {
    runs: value('runs', 3),
    epochs: value('epochs', 3),
    gowalla: argv.includes('--gowalla'),
  };
}

function measurePlainLoop(data: TrainingData): Measurement {
  const options = { dim: DIM, seed: 1, margin: 0.5, learningRate: 0.05 };
  plainTripletLoop(subset(data, 50000), options);
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const { triplets } = plainTripletLoop(data, options);
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return {
    tripletsPerSecond: triplets / seconds,
    tripletsPerCpuSecond: triplets / cpuSeconds,
    cpuShare: cpuSeconds / seconds,
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const data = gowallaShapedData();
  const rows: BenchRow[] = [
    ...CONFIGS.map((config) => ({
      name:
        config.name === DEFAULTS_ROW ? `${DEFAULTS_ROW} (${describeDefaults(data)})` : config.name,
      threads: config.threads,
      runs: [] as Measurement[],
    })),
    { name: 'tfjs engine, 16 uniform negatives/pair (20k pairs)', threads: 1, runs: [] },
    { name: 'plain typed-array loop (reference)', threads: 1, runs: [] },
  ];
  const tfjsData = subset(data, 20000);
  // Interleaved, so a burst of load from other processes hits every configuration alike.
  for (let run = 0; run < args.runs; run++) {
    for (const [index, config] of CONFIGS.entries()) {
      const options = { dim: DIM, seed: run + 1, epochs: args.epochs, threads: config.threads };
      rows[index].runs.push(await measureTraining(data, { ...options, ...config.options }));
    }
    const tfjsOptions = {
      ...HEADLINE,
      dim: DIM,
      seed: run + 1,
      epochs: 2,
      engine: 'tfjs' as const,
    };
    rows[CONFIGS.length].runs.push(await measureTraining(tfjsData, tfjsOptions));
    rows[CONFIGS.length + 1].runs.push(measurePlainLoop(data));
  }
  const resolved = resolveTrainOptions({}, catalogueShapeOf(data));
  reportTrainBench({
    rows,
    headline: {
      one: 0,
      two: 1,
      reference: CONFIGS.length + 1,
      oneNegative: configIndex('kernel, 1 uniform negative/pair'),
      defaults: configIndex(DEFAULTS_ROW),
      composedDefaults: configIndex(COMPOSED_ROW),
      freshDefaults: configIndex(FRESH_ROW),
    },
    defaults: {
      candidates: resolved.hardNegativeCandidates,
      candidateReuse: resolved.hardCandidateReuse,
      candidateSource: resolved.hardCandidateSource,
    },
    gowalla: args.gowalla ? await gowallaDefaultRun() : undefined,
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
