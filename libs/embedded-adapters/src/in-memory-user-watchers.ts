import type { UserChangeWatcher } from '@recsys/domain';

/**
 * The watchers of an in-memory realtime store. In one process nothing can be lost between a write and its
 * announcement, so a watcher is live from the moment it is added until it is removed.
 */
export class InMemoryUserWatchers {
  private readonly watchers = new Set<UserChangeWatcher>();

  /** Adds `watcher`, tells it it is live, and returns its removal. */
  add(watcher: UserChangeWatcher): () => Promise<void> {
    // A wrapper per call: watching twice with one object gives two independent registrations.
    const entry: UserChangeWatcher = {
      onChanged: (userIds) => watcher.onChanged(userIds),
      onReset: (state) => watcher.onReset(state),
    };
    this.watchers.add(entry);
    callSafely(() => entry.onReset('live'));
    return () => {
      this.watchers.delete(entry);
      return Promise.resolve();
    };
  }

  /** Tells every watcher that these users changed; a watcher that throws cannot fail the write. */
  announce(userIds: readonly string[]): void {
    if (userIds.length === 0) return;
    for (const watcher of [...this.watchers]) callSafely(() => watcher.onChanged(userIds));
  }

  /** Forgets every watcher (the store is closing). */
  clear(): void {
    this.watchers.clear();
  }
}

function callSafely(call: () => void): void {
  try {
    call();
  } catch {
    // The watcher's problem: the store's write has already happened and must still succeed.
  }
}
