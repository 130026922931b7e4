// The change announcements of the RealtimeStore contract (watchUsers), run by describeRealtimeStoreContract.
import type { RealtimeStore } from '@recsys/domain';
import { realtimeEvent } from './realtime-store-fixtures';
import { RecordingWatcher } from './realtime-store-watcher';

type Open = () => Promise<RealtimeStore>;

/** Watches `store` with a new RecordingWatcher; returns it with its unwatch. */
async function watch(store: RealtimeStore) {
  const watcher = new RecordingWatcher();
  const unwatch = await store.watchUsers(watcher);
  return { watcher, unwatch };
}

/** Declares the watchUsers tests against the stores that `open` makes. */
export function describeChangeAnnouncements(open: Open): void {
  describe('change announcements', () => {
    it('tells a watcher it is live once watchUsers resolves, on a reachable store', async () => {
      const { watcher } = await watch(await open());
      expect(watcher.calls).toEqual([{ reset: 'live' }]);
    });

    it('announces the users of each batch once, in one call, after the batch is readable', async () => {
      const store = await open();
      const { watcher } = await watch(store);
      const readOnAnnouncement: Promise<string[]>[] = [];
      const announced = watcher.onChanged.bind(watcher);
      watcher.onChanged = (userIds) => {
        readOnAnnouncement.push(store.recentInteractions('u2', 10).then(itemIds));
        announced(userIds);
      };
      await store.record([
        realtimeEvent({ userId: 'u1', itemId: 'a', minute: 0 }),
        realtimeEvent({ userId: 'u2', itemId: 'b', minute: 1 }),
        realtimeEvent({ userId: 'u1', itemId: 'c', minute: 2, polarity: -1 }),
      ]);
      await watcher.waitForChangeOf('u2');
      expect(watcher.changes.map((userIds) => [...userIds].sort())).toEqual([['u1', 'u2']]);
      expect(await Promise.all(readOnAnnouncement)).toEqual([['b']]);
    });

    it('announces a replayed batch again, and a second batch in a second call', async () => {
      const store = await open();
      const { watcher } = await watch(store);
      const batch = [realtimeEvent({ userId: 'u1', itemId: 'a', minute: 0 })];
      await store.record(batch);
      await store.record(batch);
      await store.record([realtimeEvent({ userId: 'u3', itemId: 'a', minute: 0 })]);
      await watcher.waitForChangeOf('u3');
      expect(watcher.changes).toEqual([['u1'], ['u1'], ['u3']]);
    });

    it('stops announcing to a watcher that unwatched, and never announces an empty batch', async () => {
      const store = await open();
      const leaving = await watch(store);
      const staying = await watch(store);
      await leaving.unwatch();
      await store.record([]);
      await store.record([realtimeEvent({ userId: 'u1', itemId: 'a', minute: 0 })]);
      // One connection delivers in order: once `staying` heard of u1, `leaving` would have too.
      await staying.watcher.waitForChangeOf('u1');
      expect(staying.watcher.changes).toEqual([['u1']]);
      expect(leaving.watcher.changes).toEqual([]);
    });

    it('keeps announcing to the others, and recording, when a watcher throws', async () => {
      const store = await open();
      await store.watchUsers({
        onChanged: () => {
          throw new Error('a broken watcher');
        },
        onReset: () => undefined,
      });
      const { watcher } = await watch(store);
      await store.record([realtimeEvent({ userId: 'u1', itemId: 'a', minute: 0 })]);
      await store.record([realtimeEvent({ userId: 'u2', itemId: 'a', minute: 0 })]);
      await watcher.waitForChangeOf('u2');
      expect(watcher.changes).toEqual([['u1'], ['u2']]);
      expect(itemIds(await store.recentInteractions('u2', 10))).toEqual(['a']);
    });
  });
}

function itemIds(list: { itemId: string }[]): string[] {
  return list.map((entry) => entry.itemId);
}
