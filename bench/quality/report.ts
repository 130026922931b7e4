import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { metricsRecord } from '@recsys/ranking-metrics';
import { QualityRun } from './quality-run';

/** Prints the run as a table, writes it as JSON under bench/results/ and prints the summary JSON last. */
export function reportRun(run: QualityRun): void {
  const record = metricsRecord(run.metrics);
  const summary = {
    dataset: run.dataset,
    ...record,
    trainSeconds: round(run.training.trainSeconds),
    evalSeconds: round(run.evalSeconds),
    epochs: run.training.model.epochs.length,
    trainingPath: run.training.model.path,
    // W and the negatives per pair follow the catalogue and its density: which ones this run trained with.
    hardCandidates: run.training.options.hardNegativeCandidates,
    negativesPerPositive: run.training.options.negativesPerPositive,
    bestEpoch: run.training.validation?.bestEpoch,
    pass: run.bars.filter((bar) => !bar.informational).every(passes),
  };
  const lines = [
    `bench:quality ${run.dataset}: ${run.protocol}`,
    ...Object.entries(record).map(([name, value]) => `  ${name.padEnd(16)} ${format(value)}`),
    `  ${'trainSeconds'.padEnd(16)} ${run.training.trainSeconds.toFixed(1)}`,
    `  ${'evalSeconds'.padEnd(16)} ${run.evalSeconds.toFixed(1)}`,
    `  ${'trainingPath'.padEnd(16)} ${run.training.model.path}`,
    `  ${'negatives'.padEnd(16)} ${summary.negativesPerPositive} per pair, hardest of ${summary.hardCandidates}`,
    'bars:',
    ...run.bars.map((bar) => {
      const relation = bar.lowerIsBetter ? '<' : '>';
      const verdict = bar.informational ? 'INFO' : passes(bar) ? 'PASS' : 'FAIL';
      return `  ${verdict}  ${bar.name} ${format(bar.value)} ${relation} ${bar.threshold}  (${bar.anchor})`;
    }),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const directory = resolve(__dirname, '..', 'results');
  mkdirSync(directory, { recursive: true });
  const file = join(
    directory,
    `quality-${run.dataset}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
  );
  const details = { ...summary, protocol: run.protocol, bars: run.bars, settings: run.settings, trainOptions: run.training.options, validation: run.training.validation ?? null, epochReports: run.training.model.epochs }; // prettier-ignore
  writeFileSync(file, `${JSON.stringify(details, null, 2)}\n`);
  process.stdout.write(`results: ${file}\n${JSON.stringify(summary)}\n`);
}

function passes(bar: { value: number; threshold: number; lowerIsBetter?: boolean }): boolean {
  return bar.lowerIsBetter ? bar.value < bar.threshold : bar.value > bar.threshold;
}

function format(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(4);
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
