import { DATASET_FORMATS, DatasetFormat, IdIndex, InteractionTable } from '@recsys/datasets';
import {
  buildUserItemSets,
  evaluateRanking,
  metricsRecord,
  RankingMetrics,
} from '@recsys/ranking-metrics';
import { DomainError } from '@recsys/domain';
import { OptionSpecs } from '../args/option-spec';
import { readCommandOptions } from '../args/read-command-options';
import { CliIo } from '../cli-io';
import { readModelExport } from '../io/model-export';
import { ProgressBar } from '../io/progress-bar';
import { readDatasetFile } from '../io/read-input-file';
import { renderTable } from '../io/render-table';

const SUMMARY =
  'Full-ranking evaluation of an exported model: for each test user, ranks every item except the ' +
  "user's training items and reports Recall, NDCG, Precision, MAP and coverage at K.";

/** `recsys eval` options. */
export const EVAL_OPTION_SPECS: OptionSpecs = {
  model: {
    kind: 'string',
    required: true,
    placeholder: 'DIR',
    description: 'model export directory',
  },
  train: {
    kind: 'string',
    required: true,
    placeholder: 'FILE',
    description: 'training interactions (left out of rankings)',
  },
  test: {
    kind: 'string',
    required: true,
    placeholder: 'FILE',
    description: 'test interactions (the relevant items)',
  },
  format: {
    kind: 'choice',
    choices: DATASET_FORMATS,
    required: true,
    description: 'format of both files',
  },
  k: { kind: 'number', integer: true, min: 1, description: 'list length K (default 20)' },
  relevant: {
    kind: 'choice',
    choices: ['all', 'liked'],
    description: 'test rows that count as relevant (default all)',
  },
  threads: {
    kind: 'number',
    integer: true,
    min: 1,
    max: 64,
    description: 'worker threads (default: all cores)',
  },
  quiet: { kind: 'flag', description: 'no progress bar' },
  help: { kind: 'flag', description: 'show this help' },
};

/** `recsys eval`: prints the metrics as a table, then as one JSON line. */
export async function runEvalCommand(args: readonly string[], io: CliIo): Promise<number> {
  const values = readCommandOptions(args, io, {
    name: 'eval',
    summary: SUMMARY,
    specs: EVAL_OPTION_SPECS,
  });
  if (!values) return 0;
  const format = values.format as DatasetFormat;
  const exported = await readModelExport(values.model as string).catch((error: unknown) => {
    if (!(error instanceof DomainError)) throw error;
    throw new DomainError(error.code, `--model ${error.message}`, { option: 'model' });
  });
  const indices = { users: new IdIndex(exported.userIds), items: new IdIndex(exported.itemIds) };
  const trainFile = { path: values.train as string, option: 'train', format };
  const trainTable = await readDatasetFile(trainFile, indices);
  const testFile = { path: values.test as string, option: 'test', format };
  const testTable = await readDatasetFile(testFile, indices);
  const userCount = indices.users.size;
  const train = buildUserItemSets({ userCount, users: trainTable.users, items: trainTable.items });
  const testRows = relevantRows(testTable, values.relevant === 'liked');
  const test = buildUserItemSets(
    { userCount, users: testTable.users, items: testTable.items },
    testRows,
  );
  const bars: ProgressBar[] = []; // created on the first report, which knows the user count
  const onProgress = (done: number, total: number): void => {
    bars[0] ??= new ProgressBar(io.stderr, 'ranking users', total);
    bars[0].update(done);
  };
  const started = io.nowMs();
  const metrics = await evaluateRanking({
    model: exported.model,
    train,
    test,
    k: (values.k as number | undefined) ?? 20,
    threads: (values.threads as number | undefined) ?? io.cpuCount,
    onProgress: values.quiet ? undefined : onProgress,
  });
  bars.forEach((bar) => bar.finish());
  printMetrics(io, metrics, (io.nowMs() - started) / 1000);
  return 0;
}

function relevantRows(table: InteractionTable, likedOnly: boolean): Int32Array | undefined {
  if (!likedOnly) return undefined;
  const rows: number[] = [];
  table.signals.forEach((signal, row) => {
    if (signal === 1) rows.push(row);
  });
  return Int32Array.from(rows);
}

function printMetrics(io: CliIo, metrics: RankingMetrics, seconds: number): void {
  const record = {
    ...metricsRecord(metrics),
    skippedUsers: metrics.skippedUsers,
    evalSeconds: seconds,
  };
  const counts = new Set(['users', 'skippedUsers']);
  const rows = Object.entries(record).map(([name, value]): [string, string] => [
    name,
    counts.has(name) ? String(value) : value.toFixed(4),
  ]);
  io.stdout.write(`${renderTable(rows)}\n${JSON.stringify(record)}\n`);
}
