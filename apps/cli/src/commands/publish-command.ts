import { randomBytes } from 'node:crypto';
import { DATASET_FORMATS } from '@recsys/datasets';
import { DomainError } from '@recsys/domain';
import { RedisEmbeddingStore } from '@recsys/redis-adapters';
import { OptionSpecs } from '../args/option-spec';
import { urlOption } from '../args/service-options';
import { readCommandOptions } from '../args/read-command-options';
import { CliIo } from '../cli-io';
import { inputOption, loadTrainingInteractions, readModelOption } from '../io/load-model';
import { renderTable } from '../io/render-table';
import { checkPublishGate } from '../publishing/publish-gate';
import { offlineVersionName, toPublishedSnapshot } from '../publishing/to-published-snapshot';

const SUMMARY =
  'Publishes a model exported by `recsys train` to the Redis the api serves from: the same version ' +
  "format as the trainer's, made current atomically and announced, after the trainer's quality gate.";

/** `recsys publish` options. */
export const PUBLISH_OPTION_SPECS: OptionSpecs = {
  model: {
    kind: 'string',
    required: true,
    placeholder: 'DIR',
    description: 'model export directory',
  },
  'redis-url': { kind: 'string', placeholder: 'URL', description: "the service's REDIS_URL (default redis://127.0.0.1:6379)" }, // prettier-ignore
  'key-prefix': { kind: 'string', placeholder: 'PREFIX', description: "the service's REDIS_KEY_PREFIX (default recsys:)" }, // prettier-ignore
  input: { kind: 'string', placeholder: 'FILE', description: 'training file: seen and popular items (default: from the export)' }, // prettier-ignore
  format: { kind: 'choice', choices: DATASET_FORMATS, description: 'format of --input' },
  version: { kind: 'string', placeholder: 'NAME', description: 'version name (default: UTC time + random suffix, as the trainer names them)' }, // prettier-ignore
  'min-recall': { kind: 'number', min: 0, max: 1, description: 'quality gate: held-out recall@K the model needs (default 0, as TRAIN_MIN_RECALL)' }, // prettier-ignore
  'gate-k': { kind: 'number', integer: true, min: 1, description: 'K of the gate recall (default: the K of the model\'s validation)' }, // prettier-ignore
  'popular-limit': { kind: 'number', integer: true, min: 1, description: 'popular items stored for unknown users (default 1000, as TRAIN_POPULAR_LIMIT)' }, // prettier-ignore
  force: { kind: 'flag', description: 'publish even if the gate refuses the model' },
  help: { kind: 'flag', description: 'show this help' },
};

/** `recsys publish`: gate, pack, publish; prints the version. Exit 3 when the gate refuses. */
export async function runPublishCommand(args: readonly string[], io: CliIo): Promise<number> {
  const values = readCommandOptions(args, io, {
    name: 'publish',
    summary: SUMMARY,
    specs: PUBLISH_OPTION_SPECS,
  });
  if (!values) return 0;
  const redisUrl = urlOption((values['redis-url'] as string | undefined) ?? 'redis://127.0.0.1:6379', 'redis-url', ['redis', 'rediss']); // prettier-ignore
  const source = inputOption(values);
  const exported = await readModelOption(values.model as string);
  const interactions = await loadTrainingInteractions(exported, source);
  if (!interactions) {
    throw new DomainError('INVALID_MODEL', `--model ${values.model as string}: the export has no training interactions (seen and popular items); pass the training file as --input FILE --format ${DATASET_FORMATS.join('|')}`); // prettier-ignore
  }
  const gate = checkPublishGate(exported.metadata, exported.model, {
    minRecall: (values['min-recall'] as number | undefined) ?? 0,
    k: values['gate-k'] as number | undefined,
  });
  if (!gate.passed && values.force !== true) {
    io.stderr.write(`recsys publish: the quality gate refuses the model: ${gate.reason} (--force publishes anyway)\n`); // prettier-ignore
    return 3;
  }
  const createdAt = io.now?.() ?? new Date();
  const version = (values.version as string | undefined) ?? offlineVersionName(createdAt, randomBytes(4).toString('hex')); // prettier-ignore
  const snapshot = toPublishedSnapshot(exported, interactions, {
    version,
    createdAt,
    popularLimit: (values['popular-limit'] as number | undefined) ?? 1000,
  });
  const store = new RedisEmbeddingStore({ url: redisUrl, keyPrefix: values['key-prefix'] as string | undefined }); // prettier-ignore
  try {
    await store.publish(snapshot);
  } finally {
    await store.close();
  }
  const rows: [string, string][] = [
    ['version', version],
    ['users x items', `${exported.userIds.length} x ${exported.itemIds.length}`],
    ['gate', `${gate.passed ? 'passed' : 'forced'}: ${gate.reason}`],
    ['redis', `${redisUrl} ${(values['key-prefix'] as string | undefined) ?? 'recsys:'}`],
  ];
  io.stdout.write(`${renderTable(rows)}\n${JSON.stringify({ version, current: true })}\n`);
  return 0;
}
