import { CliIo } from '../cli-io';
import { OptionSpecs, OptionValues } from './option-spec';
import { parseOptions } from './parse-options';
import { usage } from './usage';

/** What a command says about itself in its help. */
export interface CommandHelp {
  name: string;
  summary: string;
  specs: OptionSpecs;
}

/** Prints the command's help and returns undefined on `--help`; otherwise parses its options. */
export function readCommandOptions(
  args: readonly string[],
  io: CliIo,
  command: CommandHelp,
): OptionValues | undefined {
  if (args.includes('--help')) {
    io.stdout.write(`${usage(command.name, command.summary, command.specs)}\n`);
    return undefined;
  }
  return parseOptions(args, command.specs);
}
