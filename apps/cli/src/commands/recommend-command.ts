import { DATASET_FORMATS } from '@recsys/datasets';
import { DomainError } from '@recsys/domain';
import { ExactVectorIndex } from '@recsys/vector-index';
import { OptionSpecs } from '../args/option-spec';
import { INVALID_ARGUMENT } from '../args/parse-options';
import { readCommandOptions } from '../args/read-command-options';
import { CliIo } from '../cli-io';
import { checkOutputFile } from '../io/check-output';
import { JsonLinesWriter } from '../io/json-lines-writer';
import { inputOption, loadTrainingInteractions, readModelOption } from '../io/load-model';
import { ModelExport } from '../io/model-export';
import { ProgressBar } from '../io/progress-bar';
import { readInputFile } from '../io/read-input-file';
import { renderTable } from '../io/render-table';
import { TrainingInteractions } from '../training/training-interactions';

const SUMMARY =
  "Writes each user's K nearest items from an exported model, exact search, one JSON line per user: " +
  '{"userId","items":[{"itemId","score"}]} (score: higher is better). Items the user interacted with in ' +
  'training are left out (from the export, or from --input); users the model does not know are skipped.';

/** `recsys recommend` options. */
export const RECOMMEND_OPTION_SPECS: OptionSpecs = {
  model: {
    kind: 'string',
    required: true,
    placeholder: 'DIR',
    description: 'model export directory',
  },
  users: { kind: 'string', required: true, placeholder: 'FILE|all', description: 'file of user ids, one per line, or "all" (every user of the model)' }, // prettier-ignore
  out: {
    kind: 'string',
    required: true,
    placeholder: 'FILE',
    description: 'JSON lines output file',
  },
  k: { kind: 'number', integer: true, min: 1, max: 10_000, description: 'items per user (default 20)' }, // prettier-ignore
  input: { kind: 'string', placeholder: 'FILE', description: 'training file whose items are left out (default: the export\'s)' }, // prettier-ignore
  format: { kind: 'choice', choices: DATASET_FORMATS, description: 'format of --input' },
  'include-seen': { kind: 'flag', description: 'keep the items users interacted with in training' },
  quiet: { kind: 'flag', description: 'no progress bar' },
  help: { kind: 'flag', description: 'show this help' },
};

/** `recsys recommend`: bulk top-K for a list of users (or all), with progress; prints a summary. */
export async function runRecommendCommand(args: readonly string[], io: CliIo): Promise<number> {
  const values = readCommandOptions(args, io, {
    name: 'recommend',
    summary: SUMMARY,
    specs: RECOMMEND_OPTION_SPECS,
  });
  if (!values) return 0;
  const out = values.out as string;
  await checkOutputFile(out, 'out');
  const source = inputOption(values);
  if (source.input && values['include-seen'] === true) {
    throw new DomainError(INVALID_ARGUMENT, '--input is only read to leave seen items out; drop it or --include-seen', { option: 'input' }); // prettier-ignore
  }
  const exported = await readModelOption(values.model as string);
  const userIds = await readUserList(values.users as string, exported);
  const seen = values['include-seen'] === true ? undefined : await loadTrainingInteractions(exported, source); // prettier-ignore
  if (!seen && values['include-seen'] !== true) {
    io.stderr.write('recsys recommend: the export has no training interactions and no --input was given: seen items are not left out\n'); // prettier-ignore
  }
  const started = io.nowMs();
  const written = await writeRecommendations({
    exported,
    userIds,
    seen,
    k: (values.k as number | undefined) ?? 20,
    out,
    progress: values.quiet === true ? undefined : new ProgressBar(io.stderr, 'users', userIds.length), // prettier-ignore
  });
  const rows: [string, string][] = [
    ['out', out],
    ['users written', String(written)],
    ['unknown users skipped', String(userIds.length - written)],
    ['seconds', ((io.nowMs() - started) / 1000).toFixed(1)],
  ];
  io.stdout.write(`${renderTable(rows)}\n`);
  return 0;
}

async function readUserList(users: string, exported: ModelExport): Promise<string[]> {
  if (users === 'all') return exported.userIds;
  const text = await readInputFile(users, 'users');
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

interface RecommendRun {
  exported: ModelExport;
  userIds: string[];
  seen: TrainingInteractions | undefined;
  k: number;
  out: string;
  progress: ProgressBar | undefined;
}

/** Writes one line per known user; returns how many were written. */
async function writeRecommendations(run: RecommendRun): Promise<number> {
  const { exported, seen, k } = run;
  const { dim, metric, userVectors, itemVectors } = exported.model;
  const index = new ExactVectorIndex(itemVectors, dim, metric);
  const rowOf = new Map(exported.userIds.map((id, row) => [id, row]));
  const writer = new JsonLinesWriter(run.out);
  let written = 0;
  try {
    for (let i = 0; i < run.userIds.length; i++) {
      const userId = run.userIds[i];
      const row = rowOf.get(userId);
      if (row !== undefined) {
        const query = userVectors.subarray(row * dim, (row + 1) * dim);
        const excluded = seen ? seenSet(seen, row) : undefined;
        const hits = index.search(query, k, excluded && ((item) => excluded.has(item)));
        const items = hits.map((hit) => ({
          itemId: exported.itemIds[hit.index],
          score: hit.score,
        }));
        await writer.write({ userId, items });
        written++;
      }
      run.progress?.update(i + 1);
    }
  } finally {
    run.progress?.finish();
    await writer.close();
  }
  return written;
}

function seenSet(seen: TrainingInteractions, row: number): Set<number> {
  return new Set(seen.seen.items.subarray(seen.seen.offsets[row], seen.seen.offsets[row + 1]));
}
