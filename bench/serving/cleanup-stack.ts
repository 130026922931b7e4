import type { ChildProcess } from 'node:child_process';

type Task = { what: string; run: () => Promise<void> };

/**
 * What a benchmark must undo (child processes, databases, keys, topics), undone in reverse order when it
 * ends, fails or is interrupted. Child processes are also killed synchronously if the process exits
 * without running the stack (an uncaught error), so no api is left running.
 */
export class CleanupStack {
  private readonly tasks: Task[] = [];
  private readonly children = new Set<ChildProcess>();
  private running: Promise<void> | null = null;

  constructor() {
    process.once('exit', () => this.killChildren());
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        process.stderr.write(`${signal}: cleaning up\n`);
        void this.runAll().finally(() => process.exit(130));
      });
    }
  }

  /** Registers an undo step; steps run last-registered first. */
  defer(what: string, run: () => Promise<void>): void {
    this.tasks.push({ what, run });
  }

  /** Registers a child process to kill when the benchmark process exits. */
  adopt(child: ChildProcess): void {
    this.children.add(child);
    child.once('exit', () => this.children.delete(child));
  }

  /** Runs every step once (later calls wait for the same run); a failing step is reported, not fatal. */
  runAll(): Promise<void> {
    this.running ??= (async () => {
      for (const task of this.tasks.reverse()) {
        await task.run().catch((error: unknown) => {
          process.stderr.write(`cleanup of ${task.what} failed: ${String(error)}\n`);
        });
      }
      this.killChildren();
    })();
    return this.running;
  }

  private killChildren(): void {
    for (const child of this.children) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  }
}
