import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { GowallaDefaultRun } from './gowalla-default-run';
import { median, type Measurement } from './measure';
import { renderTable } from './render-table';

/** One configuration and its runs. */
export interface BenchRow {
  name: string;
  threads: number;
  runs: Measurement[];
}

/** Medians of a row's runs. */
interface RowSummary {
  rate: number;
  cpuRate: number;
  cpuShare: number;
}

/**
 * Which rows make the summary: the headline at 1 and 2 threads, the reference loop, 1 uniform negative
 * per pair (like for like with implicit's BPR) and the defaults (1 thread).
 */
export interface Headline {
  one: number;
  two: number;
  reference: number;
  oneNegative: number;
  defaults: number;
  /** The defaults through the composed kernels (`visitKernel` 'off'). */
  composedDefaults: number;
  /** The defaults with `hardCandidateSource` 'fresh'. */
  freshDefaults: number;
}

/** The defaults' hard-negative settings on the bench data. */
export interface DefaultsShape {
  /** W: each default triplet's negative is the closest of W candidates. */
  candidates: number;
  /** Picks each scored candidate serves (rows scored per triplet ~ W / reuse). */
  candidateReuse: number;
  /** Where the candidates are scored: 'mirror' or 'block' (cached copies) or 'fresh' (random table rows). */
  candidateSource: string;
}

/** Prints the table, writes the JSON under bench/results/ and prints the summary as the last line. */
export function reportTrainBench(bench: {
  rows: BenchRow[];
  headline: Headline;
  defaults: DefaultsShape;
  gowalla?: GowallaDefaultRun;
}): void {
  const summaries = bench.rows.map(summarize);
  const one = summaries[bench.headline.one];
  const two = summaries[bench.headline.two];
  const reference = summaries[bench.headline.reference];
  const defaults = summaries[bench.headline.defaults];
  const { candidates, candidateReuse, candidateSource } = bench.defaults;
  const freshDefaults = summaries[bench.headline.freshDefaults];
  console.log(
    renderTable(
      HEADER,
      bench.rows.map((row, i) => tableRow(row, summaries[i])),
    ),
  );
  const summary = {
    tripletsPerSecondPerCore: Math.round(one.rate),
    speedup2Threads: round(two.rate / one.rate),
    // What two full cores would give: the 2-thread rate per CPU-second, times two, over 1 thread's.
    cpuBoundSpeedup2Threads: round((2 * two.cpuRate) / one.cpuRate),
    cpuShare2Threads: round(two.cpuShare),
    kernelVsPlainLoop: round(one.rate / reference.rate),
    plainLoopTripletsPerSecond: Math.round(reference.rate),
    oneNegativeTripletsPerSecondPerCore: Math.round(summaries[bench.headline.oneNegative].rate),
    defaultsTripletsPerSecondPerCore: Math.round(defaults.rate),
    // Candidates the defaults' picks are the closest of (W per triplet, each one scored by the kernel:
    // from int8 copies in cache when defaultsCandidateSource is 'mirror' or 'block'); each scored
    // row serves candidateReuse picks, so rows scored per second are this / candidateReuse.
    candidatesScoredPerSecondPerCore: Math.round(defaults.rate * candidates),
    defaultsCandidates: candidates,
    defaultsCandidateReuse: candidateReuse,
    defaultsCandidateSource: candidateSource,
    // The same defaults through the composed kernels (the path before whole user visits).
    composedDefaultsTripletsPerSecondPerCore: Math.round(
      summaries[bench.headline.composedDefaults].rate,
    ),
    // The same defaults with every candidate a random row of the table ('fresh').
    freshDefaultsTripletsPerSecondPerCore: Math.round(freshDefaults.rate),
    freshCandidatesScoredPerSecondPerCore: Math.round(freshDefaults.rate * candidates),
    ...(bench.gowalla && gowallaFields(bench.gowalla)),
    dim: 64,
    runs: bench.rows[0].runs.length,
  };
  if (two.cpuShare < 1.8) console.log(contentionNote(two));
  const file = writeResults({
    summary,
    rows: bench.rows.map((row, i) => ({ ...row, median: summaries[i] })),
  });
  console.log(`results: ${path.relative(process.cwd(), file)}`);
  console.log(JSON.stringify(summary));
}

const HEADER = [
  'configuration',
  'threads',
  'triplets/s',
  'per core',
  'per CPU-second',
  'CPU share',
];

function summarize(row: BenchRow): RowSummary {
  return {
    rate: median(row.runs.map((run) => run.tripletsPerSecond)),
    cpuRate: median(row.runs.map((run) => run.tripletsPerCpuSecond)),
    cpuShare: median(row.runs.map((run) => run.cpuShare)),
  };
}

function tableRow(row: BenchRow, s: RowSummary): string[] {
  const perCore = fmt(s.rate / row.threads);
  return [
    row.name,
    String(row.threads),
    fmt(s.rate),
    perCore,
    fmt(s.cpuRate),
    s.cpuShare.toFixed(2),
  ];
}

function contentionNote(two: RowSummary): string {
  return (
    `note: the 2-thread runs got ${two.cpuShare.toFixed(2)} CPU-seconds per second (other processes ` +
    'were running), which caps their wall-clock speed-up; cpuBoundSpeedup2Threads is what two free ' +
    'cores would give at the measured per-CPU-second rate.'
  );
}

function writeResults(results: object): string {
  const resultsDir = path.resolve(__dirname, '..', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = path.join(resultsDir, `train-${stamp}.json`);
  const data = 'Gowalla-shaped planted clusters (29,858 users, 40,981 items, ~806k pairs), dim 64';
  writeFileSync(file, JSON.stringify({ data, ...results }, null, 2));
  return file;
}

function gowallaFields(run: GowallaDefaultRun): Record<string, number> {
  return {
    gowallaDefaultTrainSeconds: round(run.trainSeconds),
    gowallaDefaultCpuSeconds: round(run.cpuSeconds),
    gowallaDefaultThreads: run.threads,
    gowallaLoadAverage: round(run.loadAverage),
  };
}

function round(value: number): number {
  return Number(value.toFixed(3));
}

function fmt(rate: number): string {
  return rate >= 1e6 ? `${(rate / 1e6).toFixed(2)}M` : `${(rate / 1e3).toFixed(1)}k`;
}
