import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import type { AnnBenchArgs } from './ann-bench-args';
import type { TimerGaps } from './timer-gaps';

/** One index's figures: times in ms, recall against exact search (1 for the exact index itself). */
export interface IndexRow {
  index: string;
  buildMs: number;
  buildCpuMs: number;
  /** Event-loop timer gaps during the build (for exact: its build time). */
  stall: TimerGaps;
  p50Ms: number;
  p99Ms: number;
  recall: number;
  /** Recall@k when every other row is excluded, against exact search with the same exclusion. */
  filteredRecall: number;
  filteredP99Ms: number;
}

export interface AnnRun {
  args: AnnBenchArgs;
  /** Timer gaps of the idle event loop: the machine's own noise at the time of the run. */
  idle: TimerGaps;
  rows: IndexRow[];
}

const COLUMNS = ['index', 'build s', 'build cpu s', 'stall max', 'stall p99', 'p50 ms', 'p99 ms', 'recall', 'filt. recall', 'filt. p99']; // prettier-ignore

/** Prints a table, writes the run as JSON under bench/results/ and prints the summary JSON last. */
export function reportAnnRun(run: AnnRun): void {
  const { args, idle } = run;
  const lines = [
    `bench:ann ${args.items} x ${args.dim}, ${args.clusters} clusters (spread ${args.spread}), ${args.queries} queries, Recall@${args.k} vs exact`,
    COLUMNS.map((column) => column.padStart(13)).join(''),
    ...run.rows.map((row) =>
      tableCells(row)
        .map((cell) => cell.padStart(13))
        .join(''),
    ),
    `idle event loop at the same time: timer gap max ${idle.maxMs.toFixed(1)} ms, p99 ${idle.p99Ms.toFixed(1)} ms`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const summary = summarize(run);
  const directory = resolve(__dirname, '..', 'results');
  mkdirSync(directory, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = join(directory, `ann-${args.items}-${stamp}.json`);
  writeFileSync(file, `${JSON.stringify({ ...summary, args, idle, rows: run.rows }, null, 2)}\n`);
  process.stdout.write(`results: ${file}\n${JSON.stringify(summary)}\n`);
}

function tableCells(row: IndexRow): string[] {
  return [
    row.index,
    (row.buildMs / 1000).toFixed(2),
    (row.buildCpuMs / 1000).toFixed(2),
    row.stall.maxMs.toFixed(1),
    row.stall.p99Ms.toFixed(1),
    row.p50Ms.toFixed(3),
    row.p99Ms.toFixed(3),
    row.recall.toFixed(4),
    row.filteredRecall.toFixed(4),
    row.filteredP99Ms.toFixed(3),
  ];
}

function summarize(run: AnnRun): Record<string, number | string> {
  const exact = run.rows[0];
  return {
    bench: 'ann',
    items: run.args.items,
    dim: run.args.dim,
    cpus: cpus().length,
    idleStallP99Ms: round(run.idle.p99Ms, 1),
    ...Object.fromEntries(
      run.rows.flatMap((row) => [
        [`${row.index}BuildSeconds`, round(row.buildMs / 1000, 2)],
        [`${row.index}BuildCpuSeconds`, round(row.buildCpuMs / 1000, 2)],
        [`${row.index}StallP99Ms`, round(row.stall.p99Ms, 1)],
        [`${row.index}P50Ms`, round(row.p50Ms, 3)],
        [`${row.index}P99Ms`, round(row.p99Ms, 3)],
        [`${row.index}Recall`, round(row.recall, 4)],
        [`${row.index}FilteredRecall`, round(row.filteredRecall, 4)],
        [`${row.index}SpeedupVsExact`, round(exact.p50Ms / row.p50Ms, 1)],
      ]),
    ),
  };
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
