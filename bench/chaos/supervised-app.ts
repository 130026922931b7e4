import { AppProcess } from '../serving/app-process';

/**
 * An app kept running as a process supervisor would: restarted whenever it exits, whether the chaos
 * killed it or it crashed on its own (crashes are counted: they are findings).
 */
export class SupervisedApp {
  private current: AppProcess;
  private stopping = false;
  private killedOnPurpose = false;
  /** Exits the chaos did not cause, with the tail of the log of each. */
  readonly crashes: string[] = [];
  starts = 1;

  constructor(
    readonly name: 'api' | 'ingestor',
    private readonly env: Record<string, string>,
    /** Called with every process started (e.g. CleanupStack.adopt, so none outlives the benchmark). */
    private readonly onStart: (app: AppProcess) => void = () => undefined,
    private readonly restartDelayMs = 1000,
  ) {
    this.current = this.spawn();
  }

  get process(): AppProcess {
    return this.current;
  }

  /** SIGKILL; the supervisor starts a new process after the restart delay. */
  kill(): void {
    this.killedOnPurpose = true;
    this.current.child.kill('SIGKILL');
  }

  /** Stops for good (SIGTERM, then SIGKILL after the grace time). */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.current.stop();
  }

  private spawn(): AppProcess {
    const app = new AppProcess(this.name, this.env);
    this.onStart(app);
    app.child.once('exit', (code, signal) => {
      if (this.stopping) return;
      if (!this.killedOnPurpose) this.crashes.push(`exit ${code ?? signal}: ${app.logs.slice(-2000)}`); // prettier-ignore
      this.killedOnPurpose = false;
      setTimeout(() => {
        if (this.stopping) return;
        this.current = this.spawn();
        this.starts += 1;
      }, this.restartDelayMs);
    });
    return app;
  }
}
