import { ProgressSink } from './io/progress-bar';

/** The process edges a command uses, injected so tests can capture output and fix the clock. */
export interface CliIo {
  stdout: { write(text: string): void };
  stderr: ProgressSink;
  /** Monotonic milliseconds. */
  nowMs: () => number;
  /** Wall-clock time (version names, event validation); default: the system clock. */
  now?: () => Date;
  /** Cores available, the default of --threads. */
  cpuCount: number;
}
