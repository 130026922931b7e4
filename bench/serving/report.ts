import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';

export interface BenchReport {
  /** `serving`, `swap` or `freshness`: the file name prefix and the summary's `bench` field. */
  bench: string;
  title: string;
  columns: string[];
  rows: (string | number)[][];
  /** The one-line JSON printed last. */
  summary: Record<string, unknown>;
  /** Kept in the JSON file only (options, every run). */
  details: Record<string, unknown>;
}

/** Prints the table, writes summary + details under bench/results/ and prints the summary JSON last. */
export function reportBenchRun(report: BenchReport): void {
  const width = Math.max(12, ...report.columns.map((c) => c.length + 2));
  const cell = (value: string | number) =>
    (typeof value === 'number' ? formatNumber(value) : value).padStart(width);
  const lines = [
    report.title,
    report.columns.map(cell).join(''),
    ...report.rows.map((row) => row.map(cell).join('')),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const summary = { bench: report.bench, ...report.summary, cpus: cpus().length };
  const directory = resolve(__dirname, '..', 'results');
  mkdirSync(directory, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = join(directory, `${report.bench}-${stamp}.json`);
  writeFileSync(file, `${JSON.stringify({ ...summary, details: report.details }, null, 2)}\n`);
  process.stdout.write(`results: ${file}\n${JSON.stringify(summary)}\n`);
}

function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(3);
}
