import { DomainError } from '@recsys/domain';
import { INVALID_ARGUMENT } from './args/parse-options';
import { CliIo } from './cli-io';
import { runEvalCommand } from './commands/eval-command';
import { runTrainCommand } from './commands/train-command';

/** Codes of errors the user can fix by changing the command or its input: exit status 2. */
const USAGE_ERRORS = new Set([
  INVALID_ARGUMENT,
  'INVALID_DATASET',
  'INVALID_FORMAT',
  'INVALID_MODEL',
  'INVALID_TRAIN_OPTIONS',
  'INVALID_TRAINING_DATA',
]);

const HELP = `Usage: recsys <command> [options]

Commands:
  train   train embeddings from an interactions file and export them (recsys train --help)
  eval    full-ranking evaluation of an exported model (recsys eval --help)`;

const COMMANDS: Record<string, (args: readonly string[], io: CliIo) => Promise<number>> = {
  train: runTrainCommand,
  eval: runEvalCommand,
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
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr.write(`recsys ${command}: failed: ${message}\n`);
    return 1;
  }
}
