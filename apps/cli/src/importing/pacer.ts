/**
 * Keeps a sequential sender at or under `ratePerSecond` events on average: batch n may start once the
 * events before it would have taken their share of time. One sender, one batch in flight, so this
 * is all a rate limit needs here (a token bucket library would add bursts we do not want).
 */
export class Pacer {
  private startedMs: number | undefined;
  private sent = 0;

  constructor(
    private readonly ratePerSecond: number | undefined,
    private readonly clock: { nowMs: () => number; sleep: (ms: number) => Promise<void> },
  ) {}

  /** Waits until `count` more events may go. */
  async take(count: number): Promise<void> {
    if (this.ratePerSecond === undefined) return;
    const now = this.clock.nowMs();
    this.startedMs ??= now;
    const dueMs = this.startedMs + (this.sent / this.ratePerSecond) * 1000;
    this.sent += count;
    if (dueMs > now) await this.clock.sleep(dueMs - now);
  }
}
