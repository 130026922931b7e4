// The contract of the EventLog port, written once and run against every adapter: PostgreSQL and the
// embedded PGlite. One storage per suite; every test works on ids of its own.
import { HISTORY_LIMIT, type EventLog, type TripletStore } from '@recsys/domain';
import { uniqueName } from '../../support/services';
import { classifiedEvent, recordingDeriver, tripletPerLike } from './event-log-fixtures';

/** An event log and the triplet store that reads what it writes; `dispose` closes both. */
export interface EventLogHarness {
  eventLog: EventLog;
  tripletStore: TripletStore;
  dispose(): Promise<void>;
}

const SETUP_TIMEOUT_MS = 120_000;

/** Declares the EventLog contract tests against the event log that `create` opens. */
export function describeEventLogContract(
  name: string,
  create: () => Promise<EventLogHarness>,
): void {
  describe(`EventLog contract: ${name}`, () => {
    let harness: EventLogHarness;
    let prefix: string;
    const id = (suffix: string) => `${prefix}-${suffix}`;

    beforeAll(async () => {
      harness = await create();
    }, SETUP_TIMEOUT_MS);
    afterAll(() => harness?.dispose(), SETUP_TIMEOUT_MS);
    beforeEach(() => {
      prefix = uniqueName('t');
    });

    const like = (eventId: string, itemId: string, minute: number, userId = 'u1') =>
      classifiedEvent({ eventId: id(eventId), userId: id(userId), itemId, minute, polarity: 1 });
    const dislike = (eventId: string, itemId: string, minute: number, userId = 'u1') =>
      classifiedEvent({ eventId: id(eventId), userId: id(userId), itemId, minute, polarity: -1 });
    const view = (eventId: string, itemId: string, minute: number, userId = 'u1') =>
      classifiedEvent({ eventId: id(eventId), userId: id(userId), itemId, minute, polarity: 0 });

    it('logs new events and counts them', async () => {
      const before = await harness.eventLog.count();
      const { derive } = recordingDeriver();
      const result = await harness.eventLog.append(
        [like('e1', 'a', 1), dislike('e2', 'b', 2), view('e3', 'c', 3)],
        derive,
      );
      expect(result).toEqual({ inserted: 3, duplicates: 0, triplets: 0 });
      expect(await harness.eventLog.count()).toBe(before + 3);
      expect(await harness.eventLog.countByEventIds([id('e1'), id('e3'), id('never-logged')])).toBe(
        2,
      );
      expect(await harness.eventLog.countByEventIds([])).toBe(0);
    });

    it("counts the events received since a time (the dashboard's events per second)", async () => {
      const since = new Date(Date.now() - 5_000);
      const before = await harness.eventLog.countReceivedSince(since);
      await harness.eventLog.append([like('e1', 'a', 1), view('e2', 'b', 2)], recordingDeriver().derive); // prettier-ignore
      expect(await harness.eventLog.countReceivedSince(since)).toBe(before + 2);
      expect(await harness.eventLog.countReceivedSince(new Date(Date.now() + 60_000))).toBe(0);
    });

    it('stores a replayed batch once, and derives and stores its triplets once', async () => {
      const batch = [like('e1', 'a', 1), like('e2', 'b', 2)];
      const tripletsBefore = await harness.tripletStore.countTriplets();
      const first = recordingDeriver(tripletPerLike('n'));
      expect(await harness.eventLog.append(batch, first.derive)).toEqual({
        inserted: 2,
        duplicates: 0,
        triplets: 2,
      });
      const replay = recordingDeriver(tripletPerLike('n'));
      expect(await harness.eventLog.append(batch, replay.derive)).toEqual({
        inserted: 0,
        duplicates: 2,
        triplets: 0,
      });
      expect(replay.calls).toEqual([]);
      expect(await harness.eventLog.countByEventIds([id('e1'), id('e2')])).toBe(2);
      expect(await harness.tripletStore.countTriplets()).toBe(tripletsBefore + 2);
    });

    it('stores an event repeated inside one batch once and derives from it once', async () => {
      const { derive, calls } = recordingDeriver(tripletPerLike('n'));
      const result = await harness.eventLog.append(
        [like('e1', 'a', 1), like('e2', 'b', 2), like('e1', 'a', 1)],
        derive,
      );
      expect(result).toEqual({ inserted: 2, duplicates: 1, triplets: 2 });
      expect(calls.map((call) => call.eventIds)).toEqual([[id('e1'), id('e2')]]);
    });

    it('passes only the events that were not logged before to the deriver', async () => {
      await harness.eventLog.append([like('old', 'a', 1)], recordingDeriver().derive);
      const { derive, calls } = recordingDeriver();
      const result = await harness.eventLog.append(
        [like('old', 'a', 1), like('new', 'b', 2)],
        derive,
      );
      expect(result).toEqual({ inserted: 1, duplicates: 1, triplets: 0 });
      expect(calls.map((call) => call.eventIds)).toEqual([[id('new')]]);
    });

    it('does not call the deriver for an empty batch', async () => {
      const { derive, calls } = recordingDeriver();
      expect(await harness.eventLog.append([], derive)).toEqual({
        inserted: 0,
        duplicates: 0,
        triplets: 0,
      });
      expect(calls).toEqual([]);
    });

    it('gives the deriver each user history from earlier events, most recent first', async () => {
      await harness.eventLog.append(
        [like('e1', 'a', 1), like('e2', 'b', 3), dislike('e3', 'c', 2), view('e4', 'v', 4)],
        recordingDeriver().derive,
      );
      const { derive, calls } = recordingDeriver();
      await harness.eventLog.append(
        [like('e5', 'd', 5), like('e6', 'e', 6, 'newcomer'), dislike('e7', 'f', 7)],
        derive,
      );
      expect(calls).toHaveLength(1);
      expect(calls[0].history).toEqual(
        new Map([
          [id('u1'), { positiveItemIds: ['b', 'a'], negativeItemIds: ['c'] }],
          [id('newcomer'), { positiveItemIds: [], negativeItemIds: [] }],
        ]),
      );
    });

    it('counts an item on the side of its latest signal in the history', async () => {
      await harness.eventLog.append(
        [like('e1', 'a', 1), dislike('e2', 'a', 2), dislike('e3', 'b', 3), like('e4', 'b', 4)],
        recordingDeriver().derive,
      );
      await harness.eventLog.append([view('e5', 'a', 5)], recordingDeriver().derive);
      const { derive, calls } = recordingDeriver();
      await harness.eventLog.append([like('e6', 'z', 6)], derive);
      expect(calls[0].history.get(id('u1'))).toEqual({
        positiveItemIds: ['b'],
        negativeItemIds: ['a'],
      });
    });

    it(`keeps only the ${HISTORY_LIMIT} most recent items of each side`, async () => {
      const likes = Array.from({ length: HISTORY_LIMIT + 5 }, (_, index) =>
        like(`l${index}`, `item-${index}`, index),
      );
      await harness.eventLog.append(likes, recordingDeriver().derive);
      const { derive, calls } = recordingDeriver();
      await harness.eventLog.append([dislike('d', 'x', 10_000)], derive);
      const positives = calls[0].history.get(id('u1'))!.positiveItemIds;
      expect(positives).toHaveLength(HISTORY_LIMIT);
      expect(positives[0]).toBe(`item-${HISTORY_LIMIT + 4}`);
      expect(positives[HISTORY_LIMIT - 1]).toBe('item-5');
    });

    it('stores each distinct derived triplet once', async () => {
      const triplet = {
        userId: id('u1'),
        positiveItemId: 'a',
        negativeItemId: 'n',
        sourceEventId: id('e1'),
      };
      const before = await harness.tripletStore.countTriplets();
      const result = await harness.eventLog.append([like('e1', 'a', 1)], () => [
        triplet,
        { ...triplet },
        { ...triplet, negativeItemId: 'm' },
      ]);
      expect(result.triplets).toBe(2);
      expect(await harness.tripletStore.countTriplets()).toBe(before + 2);
    });

    it('logs nothing when deriving fails, so the batch can be retried', async () => {
      const batch = [like('e1', 'a', 1)];
      const failing = () => {
        throw new Error('deriver exploded');
      };
      await expect(harness.eventLog.append(batch, failing)).rejects.toThrow('deriver exploded');
      expect(await harness.eventLog.countByEventIds([id('e1')])).toBe(0);
      const retry = await harness.eventLog.append(batch, recordingDeriver().derive);
      expect(retry.inserted).toBe(1);
    });

    it('keeps a successful append when a concurrent one fails', async () => {
      // Interleaved on one session (as typeorm-pglite does), the failing ROLLBACK would undo both.
      const [ok, failed] = await Promise.allSettled([
        harness.eventLog.append([like('ok', 'a', 1)], recordingDeriver().derive),
        harness.eventLog.append([like('bad', 'b', 2)], () => {
          throw new Error('second append fails');
        }),
      ]);
      expect(ok.status).toBe('fulfilled');
      expect(failed.status).toBe('rejected');
      expect(await harness.eventLog.countByEventIds([id('ok')])).toBe(1);
      expect(await harness.eventLog.countByEventIds([id('bad')])).toBe(0);
    });

    it('logs the same batch once when it is appended twice at the same time', async () => {
      const batch = Array.from({ length: 50 }, (_, index) => like(`c${index}`, `i${index}`, index));
      const results = await Promise.all([
        harness.eventLog.append(batch, recordingDeriver(tripletPerLike('n')).derive),
        harness.eventLog.append(batch, recordingDeriver(tripletPerLike('n')).derive),
      ]);
      expect(results.map((result) => result.inserted).sort()).toEqual([0, 50]);
      expect(results.reduce((sum, result) => sum + result.triplets, 0)).toBe(50);
      expect(await harness.eventLog.countByEventIds(batch.map((c) => c.event.eventId))).toBe(50);
    });
  });
}
