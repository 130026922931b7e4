import type { ClassifiedEvent, RealtimeBacklog, RealtimeStore } from '@recsys/domain';
import { isolateFailures } from './isolate-failures';
import { isTransientFailure } from './transient-failure';

/** How the realtime store catches up after an outage. */
export interface RealtimeFeedSettings {
  /** Events taken from the backlog per realtime write. */
  drainBatchSize: number;
  /** How often the backlog is checked (also for events another replica left behind). */
  catchUpIntervalMs: number;
}

export const DEFAULT_REALTIME_FEED_SETTINGS: RealtimeFeedSettings = {
  drainBatchSize: 1000,
  catchUpIntervalMs: 1000,
};

/** Running totals, for logs and the health endpoint. */
export interface RealtimeFeedCounts {
  /** Events written to the backlog because the realtime store was unreachable or behind. */
  backlogged: number;
  /** Backlogged events the realtime store took later. */
  caughtUp: number;
  /** Events the realtime store rejects on their own (logged; they stay in the event log). */
  skipped: number;
}

/**
 * Feeds the realtime store (recent lists, popularity) from logged events without ever holding up the
 * durable path: while the store is unreachable, or still catching up, the events' ids go to a durable
 * backlog instead (one small insert), and a loop replays them from the event log once it answers. The
 * store orders recent items by event time and popularity is decayed by event time, so a late replay ends
 * in the same state as an on-time write.
 */
export class RealtimeFeed {
  readonly counts: RealtimeFeedCounts = { backlogged: 0, caughtUp: 0, skipped: 0 };
  // Until a first catch-up found the backlog empty, a crash may have left events in it: write behind them.
  private behind = true;
  // Bumped on every backlog write: a catch-up that started before one must not declare the store current.
  private generation = 0;
  private timer: NodeJS.Timeout | null = null;
  private catchingUp: Promise<void> | null = null;

  constructor(
    private readonly deps: { realtimeStore: RealtimeStore; realtimeBacklog: RealtimeBacklog },
    private readonly settings: RealtimeFeedSettings,
    private readonly warn: (line: string) => void,
  ) {}

  /** Whether events are going to the backlog rather than to the store. */
  get isBehind(): boolean {
    return this.behind;
  }

  /**
   * Records logged events in the realtime store, or backlogs them. Rejects only when the backlog cannot
   * be written either (the database is down too): the caller then retries the batch.
   */
  async record(events: readonly ClassifiedEvent[]): Promise<void> {
    if (events.length === 0) return;
    if (!this.behind) {
      try {
        await this.recordSkippingPoison(events);
        return;
      } catch (error) {
        this.warn(`realtime store unavailable, backlogging until it is back: ${describe(error)}`);
      }
    }
    await this.deps.realtimeBacklog.add(events.map((classified) => classified.event.eventId));
    this.behind = true;
    this.generation++;
    this.counts.backlogged += events.length;
  }

  /** Starts the catch-up loop. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.catchUp(), this.settings.catchUpIntervalMs);
    this.timer.unref();
    void this.catchUp();
  }

  /** Stops the loop and waits for a catch-up in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.catchingUp;
  }

  /** One catch-up: drains the backlog into the store until it is empty or the store fails again. */
  catchUp(): Promise<void> {
    this.catchingUp ??= this.drainAll().finally(() => {
      this.catchingUp = null;
    });
    return this.catchingUp;
  }

  private async drainAll(): Promise<void> {
    const generation = this.generation;
    try {
      let taken: number;
      do {
        taken = await this.deps.realtimeBacklog.drain(this.settings.drainBatchSize, (events) =>
          this.recordSkippingPoison(events),
        );
        this.counts.caughtUp += taken;
      } while (taken > 0);
      if (generation === this.generation) this.behind = false;
    } catch {
      // The store (or the database) is still away: the events stay in the backlog for the next round.
    }
  }

  /**
   * One write; if the store rejects the events for a reason of their own (not an outage), writes the others
   * and skips those that fail alone, so one bad event cannot keep the store behind forever.
   */
  private async recordSkippingPoison(events: readonly ClassifiedEvent[]): Promise<void> {
    const failures = await isolateFailures(events, (part) => this.deps.realtimeStore.record(part), {
      attemptsBeforeBisect: 1,
      isTransient: isTransientFailure,
    });
    for (const { item, error } of failures) {
      this.counts.skipped++;
      this.warn(`realtime store rejects event ${item.event.eventId}, skipped: ${describe(error)}`);
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
