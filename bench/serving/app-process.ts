import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { waitUntil } from './wait-until';

const ROOT = path.resolve(__dirname, '..', '..');
// The tail of the logs kept for failure messages (an api under load for minutes may log a lot).
const MAX_LOG_CHARS = 200_000;
// USER_HZ of /proc/<pid>/stat: 100 on every Linux architecture Node supports.
const CLOCK_TICKS_PER_SECOND = 100;

/** A compiled app (`dist/apps/<name>/src/main.js`) running as a child process, its output kept. */
export class AppProcess {
  private output = '';
  private readonly exited: Promise<void>;
  readonly child: ChildProcess;

  constructor(
    readonly name: 'api' | 'ingestor',
    env: Record<string, string>,
  ) {
    // BENCH_APP_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the app under load.
    const nodeArgs = (process.env.BENCH_APP_NODE_ARGS ?? '').split(' ').filter(Boolean);
    this.child = spawn(
      process.execPath,
      [...nodeArgs, path.join(ROOT, `dist/apps/${name}/src/main.js`)],
      {
        cwd: ROOT,
        env: { ...process.env, NO_COLOR: '1', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-MAX_LOG_CHARS);
    };
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => this.child.once('exit', () => resolve()));
  }

  /**
   * CPU seconds (user + system, all threads) the process has used so far, from /proc; null where there is
   * no /proc (the benchmarks then report no CPU figures).
   */
  cpuSeconds(): number | null {
    try {
      const stat = readFileSync(`/proc/${this.child.pid}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces) start at field 3; utime and stime are 14, 15.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
    } catch {
      return null;
    }
  }

  get logs(): string {
    return this.output;
  }

  /** Resolves once a line matching `pattern` was printed; rejects with the logs on exit or timeout. */
  async waitForLog(pattern: RegExp, timeoutMs: number): Promise<void> {
    await waitUntil(
      () => {
        if (this.child.exitCode !== null) throw new Error(`${this.name} exited:\n${this.logs}`);
        return pattern.test(this.output);
      },
      { timeoutMs, what: `the ${this.name} to log ${String(pattern)}`, details: () => this.logs },
    );
  }

  /** SIGTERM, then SIGKILL if the process has not exited after `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}
