import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { waitFor } from './wait-for';

const ROOT = path.resolve(__dirname, '../../..');

export type AppName = 'api' | 'ingestor' | 'trainer' | 'embedded';

/** A compiled app running as a child process, with its output kept for assertions and failure reports. */
export class AppProcess {
  private output = '';
  private exited: Promise<number | null>;
  readonly child: ChildProcess;

  private constructor(
    readonly name: AppName,
    env: Record<string, string>,
  ) {
    this.child = spawn(process.execPath, [path.join(ROOT, `dist/apps/${name}/src/main.js`)], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      this.output += chunk.toString();
    };
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  /** Starts `node dist/apps/<name>/src/main.js` with the given environment. */
  static start(name: AppName, env: Record<string, string>): AppProcess {
    return new AppProcess(name, env);
  }

  get logs(): string {
    return this.output;
  }

  /** Resolves once a line matching `pattern` was printed; rejects (with the logs) on exit or timeout. */
  async waitForLog(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
    let match: RegExpMatchArray | null = null;
    await waitFor(
      () => {
        if (this.child.exitCode !== null) throw new Error(`${this.name} exited:\n${this.output}`);
        match = pattern.exec(this.output);
        return match !== null;
      },
      { timeoutMs, what: `${this.name} to log ${pattern}`, onTimeout: () => this.output },
    );
    return match!;
  }

  /** Sends a signal (SIGTERM by default) and waits for the exit. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }
}
