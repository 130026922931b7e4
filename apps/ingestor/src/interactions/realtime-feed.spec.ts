import {
  DomainError,
  type ClassifiedEvent,
  type RealtimeBacklog,
  type RealtimeStore,
} from '@recsys/domain';
import { RealtimeFeed } from './realtime-feed';

function click(eventId: string): ClassifiedEvent {
  return {
    event: {
      eventId,
      userId: 'u1',
      itemId: eventId,
      type: 'click',
      timestamp: '2026-01-01T00:00:00Z',
    },
    polarity: 1,
    weight: 1,
  };
}

/** A store that is down while `down`, and rejects event "poison" on its own. */
class FakeStore {
  down = false;
  readonly recorded: string[] = [];
  record(events: readonly ClassifiedEvent[]): Promise<void> {
    if (this.down) return Promise.reject(new DomainError('REALTIME_STORE_UNAVAILABLE', 'down'));
    if (events.some((c) => c.event.eventId === 'poison'))
      return Promise.reject(new URIError('bad'));
    this.recorded.push(...events.map((c) => c.event.eventId));
    return Promise.resolve();
  }
}

/** A backlog that rebuilds events from their ids, and keeps them when `record` fails. */
class FakeBacklog implements RealtimeBacklog {
  readonly ids = new Set<string>();
  add(eventIds: readonly string[]): Promise<void> {
    eventIds.forEach((id) => this.ids.add(id));
    return Promise.resolve();
  }
  async drain(limit: number, record: (events: readonly ClassifiedEvent[]) => Promise<void>) {
    const taken = [...this.ids].slice(0, limit);
    if (taken.length === 0) return 0;
    await record(taken.map(click));
    taken.forEach((id) => this.ids.delete(id));
    return taken.length;
  }
  size(): Promise<number> {
    return Promise.resolve(this.ids.size);
  }
}

function setUp() {
  const store = new FakeStore();
  const backlog = new FakeBacklog();
  const warnings: string[] = [];
  const feed = new RealtimeFeed(
    { realtimeStore: store as unknown as RealtimeStore, realtimeBacklog: backlog },
    { drainBatchSize: 2, catchUpIntervalMs: 60_000 },
    (line) => warnings.push(line),
  );
  return { store, backlog, feed, warnings };
}

describe('RealtimeFeed', () => {
  it('writes behind a backlog until a first catch-up found it empty, then writes directly', async () => {
    const { store, backlog, feed } = setUp();
    expect(feed.isBehind).toBe(true);
    await feed.record([click('a')]);
    expect(backlog.ids).toEqual(new Set(['a']));
    await feed.catchUp();
    expect(feed.isBehind).toBe(false);
    await feed.record([click('b')]);
    expect(store.recorded).toEqual(['a', 'b']);
    expect(feed.counts).toEqual({ backlogged: 1, caughtUp: 1, skipped: 0 });
  });

  it('backlogs while the store is down and catches up, in batches, once it is back', async () => {
    const { store, backlog, feed, warnings } = setUp();
    await feed.catchUp();
    store.down = true;
    await feed.record([click('a'), click('b')]);
    await feed.record([click('c')]);
    expect(backlog.ids.size).toBe(3);
    expect(warnings[0]).toMatch(/realtime store unavailable/);
    await feed.catchUp(); // still down: stays behind, keeps everything
    expect(feed.isBehind).toBe(true);
    expect(backlog.ids.size).toBe(3);
    store.down = false;
    await feed.record([click('d')]); // behind: goes to the backlog, after the others
    await feed.catchUp();
    expect(backlog.ids.size).toBe(0);
    expect(store.recorded.sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(feed.isBehind).toBe(false);
  });

  it('skips an event the store rejects on its own, keeping the others and the backlog moving', async () => {
    const { store, feed, warnings } = setUp();
    await feed.catchUp();
    await feed.record([click('a'), click('poison'), click('b')]);
    expect(store.recorded).toEqual(['a', 'b']);
    expect(feed.counts.skipped).toBe(1);
    expect(warnings).toEqual([expect.stringMatching(/rejects event poison, skipped/)]);
  });

  it('rejects when the backlog cannot be written either, so the batch is retried', async () => {
    const { store, backlog, feed } = setUp();
    store.down = true;
    backlog.add = () => Promise.reject(new DomainError('STORAGE_UNAVAILABLE', 'db down'));
    await expect(feed.record([click('a')])).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
  });
});
