import type { ClassifiedEvent } from './event-log';

/**
 * Logged events the realtime store has not recorded yet (it was unreachable), kept durably next to the event
 * log so the durable path (log, then offset commit) never waits for the realtime store, and the store
 * catches up when it is back: no click is lost from recent lists or popularity.
 */
export interface RealtimeBacklog {
  /** Remembers logged events for the realtime store; adding one twice keeps it once. */
  add(eventIds: readonly string[]): Promise<void>;
  /**
   * Takes up to `limit` backlogged events as the log holds them (with `receivedAt`) and hands them to
   * `record`; they leave the backlog only if it resolves. Several drainers may run at once (each takes
   * other events). Resolves with how many events were recorded (0: the backlog is empty).
   */
  drain(
    limit: number,
    record: (events: readonly ClassifiedEvent[]) => Promise<void>,
  ): Promise<number>;
  /** Events waiting. */
  size(): Promise<number>;
}
