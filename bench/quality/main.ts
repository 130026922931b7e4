// bench:quality — `npm run bench:quality -- movielens-100k|gowalla [recsys train options]`.
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { DomainError } from '@recsys/domain';
import { parseOptions } from '../../apps/cli/src/args/parse-options';
import { toPipelineOptions } from '../../apps/cli/src/commands/pipeline-options';
import { ENGINE_OPTION_SPECS } from '../../apps/cli/src/commands/train-option-specs';
import { trainingProgress } from '../../apps/cli/src/commands/training-progress';
import { datasetsDir, findDatasetFile } from './datasets-dir';
import { runGowalla } from './gowalla-protocol';
import { DEFAULT_GOWALLA_CARVE, GOWALLA_CARVES, GowallaCarve } from './gowalla-split';
import { MOVIELENS_DEFAULTS, runMovieLens } from './movielens-protocol';
import { reportRun } from './report';
import { runTemporalBench } from './temporal-bench';

const PROTOCOLS = {
  'movielens-100k': {
    file: 'movielens-100k/u.data',
    run: runMovieLens,
    defaults: MOVIELENS_DEFAULTS,
  },
  gowalla: { file: 'gowalla-lightgcn/train.txt', run: runGowalla, defaults: [] as string[] },
} as const;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === 'movielens-100k-temporal') return runTemporalBench(rest);
  const protocol = PROTOCOLS[name as keyof typeof PROTOCOLS];
  if (!protocol) {
    process.stderr.write(
      `usage: npm run bench:quality -- ${Object.keys(PROTOCOLS).join('|')}|movielens-100k-temporal [options]\n`,
    );
    return 2;
  }
  const path = findDatasetFile(protocol.file);
  if (!path) {
    process.stdout.write(
      `bench:quality ${name}: skipped, ${protocol.file} not found under ${datasetsDir()} (set RECSYS_DATASETS_DIR)\n`,
    );
    return 0;
  }
  const io = { stdout: process.stdout, stderr: process.stderr, nowMs: () => performance.now(), cpuCount: availableParallelism() }; // prettier-ignore
  const specs = {
    ...ENGINE_OPTION_SPECS,
    protocol: {
      kind: 'choice',
      choices: Object.keys(GOWALLA_CARVES),
      description: `gowalla: validation carve of train.txt (default ${DEFAULT_GOWALLA_CARVE}; carve10 = the old 10%; carve5 = 5%, the densest; nested20 = 20% of carve20's training rows)`,
    },
    'split-seed': {
      kind: 'number',
      integer: true,
      description: 'seed of the evaluation split (default 42)',
    },
  } as const;
  // Parsed apart: a repeated option is an error, and the command line overrides the protocol's defaults.
  const values = { ...parseOptions(protocol.defaults, specs), ...parseOptions(rest, specs) };
  const pipeline = toPipelineOptions(values, io);
  const progress = trainingProgress(io, values.quiet === true);
  const splitSeed = (values['split-seed'] as number | undefined) ?? 42;
  const carve = (values.protocol as GowallaCarve | undefined) ?? DEFAULT_GOWALLA_CARVE;
  const run = await protocol.run(
    path,
    { ...pipeline, nowMs: io.nowMs, ...progress },
    splitSeed,
    carve,
  );
  progress.finish();
  reportRun(run);
  return 0;
}

main(process.argv.slice(2)).then(
  (status) => (process.exitCode = status),
  (error: unknown) => {
    const usageError = error instanceof DomainError && /^INVALID_/.test(error.code);
    process.stderr.write(
      `bench:quality: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = usageError ? 2 : 1;
  },
);
