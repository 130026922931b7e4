import { stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { DomainError } from '@recsys/domain';
import { EVENT_LIMITS } from '@recsys/interaction-events';
import { OptionSpecs, OptionValues } from '../args/option-spec';
import { INVALID_ARGUMENT } from '../args/parse-options';
import { urlOption } from '../args/service-options';
import { readCommandOptions } from '../args/read-command-options';
import { CliIo } from '../cli-io';
import { ProgressBar } from '../io/progress-bar';
import { renderTable } from '../io/render-table';
import { EventSender } from '../importing/event-sender';
import { HttpEventSender } from '../importing/http-event-sender';
import { ImportTally } from '../importing/import-tally';
import { KafkaEventSender } from '../importing/kafka-event-sender';
import { Pacer } from '../importing/pacer';
import { IMPORT_FORMATS, ImportFormat, readImportRecords } from '../importing/read-import-records';
import { runImport } from '../importing/run-import';

const SUMMARY =
  'Replays an interactions file into a running service, in file order: over HTTP (POST /events in ' +
  'batches, with a write key; 429 and 503 are waited out) or straight to the Kafka interactions topic ' +
  "(key = userId). Lines are validated with the service's rules first; the summary counts accepted and " +
  'rejected lines with reasons. Event ids derive from the content, so a replay stores nothing twice.';

/** `recsys import` options. */
export const IMPORT_OPTION_SPECS: OptionSpecs = {
  input: { kind: 'string', required: true, placeholder: 'FILE', description: 'interactions file' },
  format: { kind: 'choice', choices: IMPORT_FORMATS, required: true, description: 'events-csv (header userId,itemId,type,value,timestamp), jsonl (one InteractionEventV1 per line, eventId optional) or movielens (ratings)' }, // prettier-ignore
  to: {
    kind: 'choice',
    choices: ['http', 'kafka'],
    required: true,
    description: 'where events go',
  },
  url: { kind: 'string', placeholder: 'URL', description: 'api base URL (--to http), e.g. http://127.0.0.1:3000' }, // prettier-ignore
  key: { kind: 'string', placeholder: 'KEY', description: 'api write key (--to http)' },
  brokers: { kind: 'string', placeholder: 'HOST:PORT,...', description: 'Kafka brokers (--to kafka; default 127.0.0.1:9092)' }, // prettier-ignore
  topic: { kind: 'string', placeholder: 'TOPIC', description: 'interactions topic (--to kafka; default interactions.v1)' }, // prettier-ignore
  'batch-size': { kind: 'number', integer: true, min: 1, max: EVENT_LIMITS.maxBatchSize, description: 'events per request or produce call (default 500)' }, // prettier-ignore
  rate: { kind: 'number', min: 0.001, description: 'at most this many events per second (default: no limit)' }, // prettier-ignore
  'max-retries': { kind: 'number', integer: true, min: 0, description: 'retries of a batch after 503 or a network failure (default 8)' }, // prettier-ignore
  quiet: { kind: 'flag', description: 'no progress bar' },
  help: { kind: 'flag', description: 'show this help' },
};

/** `recsys import`: exit 0 when the file was replayed (rejected lines are in the summary), 1 on failure. */
export async function runImportCommand(args: readonly string[], io: CliIo): Promise<number> {
  const values = readCommandOptions(args, io, {
    name: 'import',
    summary: SUMMARY,
    specs: IMPORT_OPTION_SPECS,
  });
  if (!values) return 0;
  const input = values.input as string;
  const bytes = await inputSize(input);
  const sender = await openSender(values, io);
  const bar =
    values.quiet === true ? undefined : new ProgressBar(io.stderr, 'importing bytes', bytes);
  const progress = { bytesRead: 0 };
  const tally = new ImportTally();
  const started = io.nowMs();
  try {
    await runImport(
      {
        records: readImportRecords(input, values.format as ImportFormat, progress),
        sender,
        batchSize: (values['batch-size'] as number | undefined) ?? 500,
        pacer: new Pacer(values.rate as number | undefined, { nowMs: io.nowMs, sleep: (ms) => sleep(ms) }), // prettier-ignore
        now: () => io.now?.() ?? new Date(),
        onBatch: (counts) => bar?.update(progress.bytesRead, `accepted ${counts.accepted}  rejected ${counts.rejected}`), // prettier-ignore
      },
      tally,
    );
  } finally {
    bar?.finish();
    await sender.close();
    printSummary(io, tally, (io.nowMs() - started) / 1000);
  }
  return 0;
}

async function inputSize(path: string): Promise<number> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new DomainError(INVALID_ARGUMENT, `--input ${path}: no such file`, { option: 'input' }); // prettier-ignore
  if (!info.isFile()) throw new DomainError(INVALID_ARGUMENT, `--input ${path}: is not a file`, { option: 'input' }); // prettier-ignore
  return info.size;
}

/** Checks the destination options and reaches the destination before a line is read. */
async function openSender(values: OptionValues, io: CliIo): Promise<EventSender> {
  const misplaced = values.to === 'http' ? ['brokers', 'topic'] : ['url', 'key'];
  const wrong = misplaced.find((name) => values[name] !== undefined);
  if (wrong) throw new DomainError(INVALID_ARGUMENT, `--${wrong} does not apply to --to ${values.to as string}`, { option: wrong }); // prettier-ignore
  if (values.to === 'kafka') {
    const brokers = ((values.brokers as string | undefined) ?? '127.0.0.1:9092').split(',').map((b) => b.trim()).filter((b) => b !== ''); // prettier-ignore
    if (brokers.length === 0) throw new DomainError(INVALID_ARGUMENT, '--brokers lists no broker', { option: 'brokers' }); // prettier-ignore
    const sender = new KafkaEventSender({ brokers, topic: (values.topic as string | undefined) ?? 'interactions.v1' }); // prettier-ignore
    await sender.connect();
    return sender;
  }
  for (const name of ['url', 'key']) {
    if (values[name] === undefined) throw new DomainError(INVALID_ARGUMENT, `--${name} is required with --to http`, { option: name }); // prettier-ignore
  }
  const baseUrl = urlOption(values.url as string, 'url', ['http', 'https']);
  await checkReachable(baseUrl);
  return new HttpEventSender({
    baseUrl,
    apiKey: values.key as string,
    maxRetries: (values['max-retries'] as number | undefined) ?? 8,
    sleep: (ms) => sleep(ms),
    onWait: (reason, waitMs) => io.stderr.write(`recsys import: ${reason}: waiting ${(waitMs / 1000).toFixed(1)} s\n`), // prettier-ignore
  });
}

async function checkReachable(baseUrl: string): Promise<void> {
  try {
    await fetch(new URL('/health/live', baseUrl), { signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    throw new DomainError('SERVICE_UNREACHABLE', `--url ${baseUrl}: the api cannot be reached (${cause})`, { option: 'url' }); // prettier-ignore
  }
}

function printSummary(io: CliIo, tally: ImportTally, seconds: number): void {
  const reasons = tally.topReasons(10);
  const rows: [string, string][] = [
    ['records read', String(tally.records)],
    ['accepted', String(tally.accepted)],
    ['rejected', String(tally.rejected)],
    ['events per second', seconds > 0 ? (tally.accepted / seconds).toFixed(0) : '-'],
    ...reasons.map((r): [string, string] => [`  ${r.count} x`, `${r.reason} (first: line ${r.firstLine})`]), // prettier-ignore
  ];
  if (tally.reasonCount > reasons.length) rows.push(['  ...', `${tally.reasonCount - reasons.length} more reasons`]); // prettier-ignore
  const record = { records: tally.records, accepted: tally.accepted, rejected: tally.rejected, seconds, reasons }; // prettier-ignore
  io.stdout.write(`${renderTable(rows)}\n${JSON.stringify(record)}\n`);
}
