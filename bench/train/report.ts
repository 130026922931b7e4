import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
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

/** Which rows make the summary: the headline at 1 and 2 threads, and the reference loop. */
export interface Headline {
  one: number;
  two: number;
  reference: number;
}

/** Prints the table, writes the JSON under bench/results/ and prints the summary as the last line. */
export function reportTrainBench(bench: { rows: BenchRow[]; headline: Headline }): void {
  const summaries = bench.rows.map(summarize);
  const one = summaries[bench.headline.one];
  const two = summaries[bench.headline.two];
  const reference = summaries[bench.headline.reference];
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

function round(value: number): number {
  return Number(value.toFixed(3));
}

function fmt(rate: number): string {
  return rate >= 1e6 ? `${(rate / 1e6).toFixed(2)}M` : `${(rate / 1e3).toFixed(1)}k`;
}
