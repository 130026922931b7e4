/** Where progress goes: a stream-like sink (stderr) that may be a terminal. */
export interface ProgressSink {
  write(text: string): void;
  isTTY?: boolean;
}

const WIDTH = 28;

/**
 * A one-line progress bar: `label [#######.......]  50%  15/30  note`. On a terminal it redraws in
 * place; elsewhere (logs, CI) it prints a line at each tenth of the way so logs stay short.
 */
export class ProgressBar {
  private lastTenth = -1;

  constructor(
    private readonly sink: ProgressSink,
    private readonly label: string,
    private readonly total: number,
  ) {}

  /** Shows `done` of `total`, with an optional note (loss, metric, ETA). */
  update(done: number, note = ''): void {
    const fraction = this.total > 0 ? Math.min(1, done / this.total) : 1;
    const filled = Math.round(fraction * WIDTH);
    const bar = `${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}`;
    const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
    const line = `${this.label} [${bar}] ${percent}  ${done}/${this.total}${note ? `  ${note}` : ''}`;
    if (this.sink.isTTY) {
      this.sink.write(`\r\x1b[2K${line}`);
      return;
    }
    const tenth = Math.floor(fraction * 10);
    if (tenth !== this.lastTenth) {
      this.lastTenth = tenth;
      this.sink.write(`${line}\n`);
    }
  }

  /** Ends the bar's line (on a terminal the cursor stays after the last redraw otherwise). */
  finish(): void {
    if (this.sink.isTTY) this.sink.write('\n');
  }
}
