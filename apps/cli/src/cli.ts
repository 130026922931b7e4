import { DomainError } from '@recsys/domain';
import { INVALID_ARGUMENT } from './args/parse-options';
import { CliIo } from './cli-io';
import { runEvalCommand } from './commands/eval-command';
import { runImportCommand } from './commands/import-command';
import { runPublishCommand } from './commands/publish-command';
import { runRecommendCommand } from './commands/recommend-command';
import { runTrainCommand } from './commands/train-command';

/** Codes of errors the user can fix by changing the command or its input: exit status 2. */
const USAGE_ERRORS = new Set([
  INVALID_ARGUMENT,
  'INVALID_DATASET',
  'INVALID_FORMAT',
  'INVALID_MODEL',
  'INVALID_TRAIN_OPTIONS',
  'INVALID_TRAINING_DATA',
  'MODEL_VERSION_EXISTS',
]);

const HELP = `Usage: recsys <command> [options]

Commands:
  train      train embeddings from an interactions file and export them
  eval       full-ranking evaluation of an exported model
  publish    load an exported model into the service's Redis (same gate as the trainer)
  recommend  write every user's top items from an exported model as JSON lines
  import     replay an interactions file into a running service (HTTP or Kafka)

recsys <command> --help lists a command's options.`;

const COMMANDS: Record<string, (args: readonly string[], io: CliIo) => Promise<number>> = {
  train: runTrainCommand,
  eval: runEvalCommand,
  publish: runPublishCommand,
  recommend: runRecommendCommand,
  import: runImportCommand,
};

/**
 * Runs the `recsys` command line and returns the exit status: 0 success, 2 a usage or input error
 * (the message names the option or the file line), 1 anything else.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined || command === '--help' || command === 'help') {
    io.stdout.write(`${HELP}\n`);
    return command === undefined ? 2 : 0;
  }
  const run = COMMANDS[command];
  if (!run) {
    io.stderr.write(`recsys: unknown command "${command}"\n${HELP}\n`);
    return 2;
  }
  try {
    return await run(args, io);
  } catch (error) {
    if (error instanceof DomainError && USAGE_ERRORS.has(error.code)) {
      io.stderr.write(`recsys ${command}: ${error.message}\n`);
      return 2;
    }
    io.stderr.write(`recsys ${command}: failed: ${describeFailure(error)}\n`);
    return 1;
  }
}

/**
 * A failure the user can act on (a domain error, an unreachable server, a full disk) is one line; only
 * an unexpected error, a bug, carries its stack.
 */
function describeFailure(error: unknown): string {
  if (error instanceof DomainError) return `${error.code}: ${error.message}`;
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  return typeof code === 'string' ? `${code}: ${error.message}` : (error.stack ?? error.message);
}
