// Entry point of the `recsys` command (bin/recsys.js loads the compiled file).
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { runCli } from './cli';

void runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  nowMs: () => performance.now(),
  now: () => new Date(),
  cpuCount: availableParallelism(),
}).then((status) => {
  process.exitCode = status;
});
