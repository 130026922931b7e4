// bench:ann — `npm run bench:ann -- [--items 100000] [--dim 64] [--algorithms hnsw,ivf] ...`: build time,
// query latency and Recall@10 of the approximate indexes against exact search on seeded clustered vectors.
import { performance } from 'node:perf_hooks';
import { DomainError } from '@recsys/domain';
import { clusteredVectors, ExactVectorIndex } from '@recsys/vector-index';
import { parseAnnBenchArgs, type AnnBenchArgs } from './ann-bench-args';
import { measureBuild } from './measure-build';
import { measureQueries, recallAtK } from './measure-queries';
import { reportAnnRun, type IndexRow } from './report';
import { idleTimerGaps, type TimerGaps } from './timer-gaps';

/** Every other row excluded: the filtered search must still find k of the rest. */
const excludeOdd = (row: number) => row % 2 === 1;

async function run(args: AnnBenchArgs): Promise<{ idle: TimerGaps; rows: IndexRow[] }> {
  const { items, dim, k } = args;
  const all = clusteredVectors({ rows: items + args.queries, dim, clusterCount: args.clusters, spread: args.spread, seed: args.seed }); // prettier-ignore
  const vectors = all.subarray(0, items * dim);
  const queries = all.subarray(items * dim);
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const exact = new ExactVectorIndex(vectors, dim, 'neg-l2');
  const exactBuildMs = performance.now() - start;
  const exactCpu = process.cpuUsage(cpuStart);
  const truth = measureQueries(exact, queries, { k });
  const filteredTruth = measureQueries(exact, queries, { k, exclude: excludeOdd });
  const rows: IndexRow[] = [
    { index: 'exact', buildMs: exactBuildMs, buildCpuMs: (exactCpu.user + exactCpu.system) / 1000, stall: { maxMs: exactBuildMs, p99Ms: exactBuildMs }, p50Ms: truth.p50Ms, p99Ms: truth.p99Ms, recall: 1, filteredRecall: 1, filteredP99Ms: filteredTruth.p99Ms }, // prettier-ignore
  ];
  const idle = await idleTimerGaps(2_000);
  for (const algorithm of args.algorithms) {
    const build = await measureBuild(vectors, { algorithm, args });
    const plain = measureQueries(build.index, queries, { k });
    const filtered = measureQueries(build.index, queries, { k, exclude: excludeOdd });
    rows.push({
      index: algorithm,
      buildMs: build.buildMs,
      buildCpuMs: build.buildCpuMs,
      stall: build.stall,
      p50Ms: plain.p50Ms,
      p99Ms: plain.p99Ms,
      recall: recallAtK(plain.results, truth.results),
      filteredRecall: recallAtK(filtered.results, filteredTruth.results),
      filteredP99Ms: filtered.p99Ms,
    });
  }
  return { idle, rows };
}

async function main(argv: string[]): Promise<number> {
  try {
    const args = parseAnnBenchArgs(argv);
    const { idle, rows } = await run(args);
    reportAnnRun({ args, idle, rows });
    return 0;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    process.stderr.write(`${error.message}\n${JSON.stringify(error.details)}\n`);
    return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
