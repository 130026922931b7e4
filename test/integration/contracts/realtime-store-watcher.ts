// A UserChangeWatcher for tests: it writes down everything it is told, and lets a test wait for a call.
import type { UserChangeWatcher } from '@recsys/domain';

/** One call a watcher received. */
export type WatcherCall = { changed: string[] } | { reset: 'live' | 'lost' };

const WAIT_LIMIT_MS = 10_000;

/** Records every call; `waitFor` resolves once a recorded call matches (a deadline against hangs only). */
export class RecordingWatcher implements UserChangeWatcher {
  readonly calls: WatcherCall[] = [];
  private waiters: { matches: (call: WatcherCall) => boolean; resolve: () => void }[] = [];

  onChanged(userIds: readonly string[]): void {
    this.push({ changed: [...userIds] });
  }

  onReset(state: 'live' | 'lost'): void {
    this.push({ reset: state });
  }

  /** The user ids of every change call, in order. */
  get changes(): string[][] {
    return this.calls.flatMap((call) => ('changed' in call ? [call.changed] : []));
  }

  /** The states of every reset call, in order. */
  get resets(): ('live' | 'lost')[] {
    return this.calls.flatMap((call) => ('reset' in call ? [call.reset] : []));
  }

  /** Resolves once some call (already recorded or to come) matches. */
  waitFor(matches: (call: WatcherCall) => boolean, what = 'a matching call'): Promise<void> {
    if (this.calls.some(matches)) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(
          new Error(`no ${what} within ${WAIT_LIMIT_MS} ms; got ${JSON.stringify(this.calls)}`),
        );
      }, WAIT_LIMIT_MS);
      this.waiters.push({
        matches,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  /** Resolves once a change naming `userId` was told. */
  waitForChangeOf(userId: string): Promise<void> {
    return this.waitFor(
      (call) => 'changed' in call && call.changed.includes(userId),
      `change of ${userId}`,
    );
  }

  /** Resolves once `count` resets of `state` were told in all. */
  waitForResets(state: 'live' | 'lost', count = 1): Promise<void> {
    return this.waitFor(
      () => this.resets.filter((told) => told === state).length >= count,
      `${count} x '${state}'`,
    );
  }

  private push(call: WatcherCall): void {
    this.calls.push(call);
    const ready = this.waiters.filter((waiter) => waiter.matches(call));
    this.waiters = this.waiters.filter((waiter) => !ready.includes(waiter));
    ready.forEach((waiter) => waiter.resolve());
  }
}
