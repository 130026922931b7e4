// The contract of the TripletStore port (what the trainer reads), written once and run against every
// adapter: PostgreSQL and the embedded PGlite. It is filled through the EventLog of the same storage.
import type { EventLog, PositiveInteraction, PositiveWeights, TripletStore } from '@recsys/domain';
import { uniqueName } from '../../support/services';
import {
  classifiedEvent,
  minuteMs,
  recordingDeriver,
  tripletPerLike,
  type EventSpec,
} from './event-log-fixtures';

/** A triplet store and the event log that fills it; `dispose` closes both. */
export interface TripletStoreHarness {
  eventLog: EventLog;
  tripletStore: TripletStore;
  dispose(): Promise<void>;
}

const SETUP_TIMEOUT_MS = 120_000;

/** Declares the TripletStore contract tests against the store that `create` opens. */
export function describeTripletStoreContract(
  name: string,
  create: () => Promise<TripletStoreHarness>,
): void {
  describe(`TripletStore contract: ${name}`, () => {
    let harness: TripletStoreHarness;
    let prefix: string;
    const id = (suffix: string) => `${prefix}-${suffix}`;

    beforeAll(async () => {
      harness = await create();
    }, SETUP_TIMEOUT_MS);
    afterAll(() => harness?.dispose(), SETUP_TIMEOUT_MS);
    beforeEach(() => {
      prefix = uniqueName('t');
    });

    let sequence = 0;
    const event = (spec: Omit<EventSpec, 'eventId' | 'userId'> & { userId?: string }) =>
      classifiedEvent({ ...spec, eventId: id(`e${sequence++}`), userId: id(spec.userId ?? 'u1') });
    const log = (specs: Parameters<typeof event>[0][]) =>
      harness.eventLog.append(specs.map(event), recordingDeriver().derive);

    /** This test's positives (the store is shared by the suite), users without the prefix. */
    const ownPositives = async (weights?: PositiveWeights): Promise<PositiveInteraction[]> => {
      const { positives } = await harness.tripletStore.loadTrainingSet(weights);
      return positives
        .filter((positive) => positive.userId.startsWith(`${prefix}-`))
        .map((positive) => ({ ...positive, userId: positive.userId.slice(prefix.length + 1) }));
    };

    // The pairs and their weights only (when each was liked is another test's).
    const weightedPairs = async (weights?: PositiveWeights) =>
      (await ownPositives(weights)).map(({ userId, itemId, weight }) => ({
        userId,
        itemId,
        weight,
      }));

    it('aggregates the positives of a user and item to their strongest weight', async () => {
      await log([
        { itemId: 'a', minute: 1, polarity: 1, weight: 1, type: 'click' },
        { itemId: 'a', minute: 2, polarity: 1, weight: 3, type: 'purchase' },
        { itemId: 'b', minute: 4, polarity: 1, weight: 0.5, type: 'click', userId: 'u2' },
      ]);
      // A later, weaker like in another batch keeps the strongest weight.
      await log([{ itemId: 'a', minute: 3, polarity: 1, weight: 2, type: 'add_to_cart' }]);
      expect(await ownPositives()).toEqual([
        // The time of the pair's latest like, whichever batch it came in.
        { userId: 'u1', itemId: 'a', weight: 3, likedAtMs: minuteMs(3) },
        { userId: 'u2', itemId: 'b', weight: 0.5, likedAtMs: minuteMs(4) },
      ]);
    });

    it('weights pairs with the weights of the load, not those of the ingest (issue 11, item 8)', async () => {
      await log([
        { itemId: 'a', minute: 1, polarity: 1, weight: 1, type: 'click' },
        { itemId: 'a', minute: 2, polarity: 1, weight: 3, type: 'purchase' },
        { itemId: 'a', minute: 3, polarity: 1, weight: 1, type: 'click' },
        { itemId: 'b', minute: 4, polarity: 1, weight: 1, type: 'click' },
        { itemId: 'c', minute: 5, polarity: 1, weight: 2, type: 'like', userId: 'u2' },
      ]);
      // Another batch: a new type for a known pair joins the ones seen before.
      await log([{ itemId: 'b', minute: 6, polarity: 1, weight: 2, type: 'add_to_cart' }]);
      const weights = { click: 1, add_to_cart: 2, purchase: 3, like: 2 };
      expect(await weightedPairs(weights)).toEqual([
        { userId: 'u1', itemId: 'a', weight: 3 },
        { userId: 'u1', itemId: 'b', weight: 2 },
        { userId: 'u2', itemId: 'c', weight: 2 },
      ]);
      // Re-weighted: purchases count less than clicks now, and likes not at all.
      expect(
        await weightedPairs({ ...weights, purchase: 0.5, add_to_cart: 0.25, like: 0 }),
      ).toEqual([
        { userId: 'u1', itemId: 'a', weight: 1 },
        { userId: 'u1', itemId: 'b', weight: 1 },
      ]);
    });

    it('drops a liked item whose latest signal is a dislike, and keeps one liked again', async () => {
      await log([
        { itemId: 'cancelled', minute: 1, polarity: 1, weight: 2 },
        { itemId: 'cancelled', minute: 2, polarity: -1 },
        { itemId: 'restored', minute: 3, polarity: -1 },
        { itemId: 'restored', minute: 4, polarity: 1, weight: 1 },
        { itemId: 'only-disliked', minute: 5, polarity: -1 },
        { itemId: 'only-viewed', minute: 6, polarity: 0 },
      ]);
      expect(await ownPositives()).toEqual([
        { userId: 'u1', itemId: 'restored', weight: 1, likedAtMs: minuteMs(4) },
      ]);
    });

    it('ignores neutral events when finding the latest signal', async () => {
      await log([
        { itemId: 'a', minute: 1, polarity: 1, weight: 1 },
        { itemId: 'a', minute: 2, polarity: 0, type: 'view' },
      ]);
      expect(await ownPositives()).toEqual([
        { userId: 'u1', itemId: 'a', weight: 1, likedAtMs: minuteMs(1) },
      ]);
    });

    it('orders signals by when they happened, not by when they were logged', async () => {
      await log([{ itemId: 'late-like', minute: 10, polarity: 1, weight: 1 }]);
      await log([{ itemId: 'late-like', minute: 5, polarity: -1 }]);
      await log([{ itemId: 'late-dislike', minute: 10, polarity: -1 }]);
      await log([{ itemId: 'late-dislike', minute: 5, polarity: 1, weight: 1 }]);
      expect(await ownPositives()).toEqual([
        { userId: 'u1', itemId: 'late-like', weight: 1, likedAtMs: minuteMs(10) },
      ]);
    });

    it('keeps the time of the latest like when an earlier like arrives later', async () => {
      await log([{ itemId: 'a', minute: 7, polarity: 1, weight: 1 }]);
      await log([{ itemId: 'a', minute: 2, polarity: 1, weight: 1 }]);
      expect(await ownPositives()).toEqual([
        { userId: 'u1', itemId: 'a', weight: 1, likedAtMs: minuteMs(7) },
      ]);
    });

    it('counts liked and unliked events, not neutral ones, and the training set says how many it saw', async () => {
      const before = await harness.tripletStore.countSignals();
      await log([
        { itemId: 'a', minute: 1, polarity: 1, weight: 1 },
        { itemId: 'a', minute: 2, polarity: 1, weight: 2 },
        { itemId: 'b', minute: 3, polarity: -1 },
        { itemId: 'c', minute: 4, polarity: 0, type: 'view' },
      ]);
      const after = await harness.tripletStore.countSignals();
      expect(after).toBe(before + 3);
      expect((await harness.tripletStore.loadTrainingSet()).signalCount).toBe(after);
    });

    it('returns every stored triplet and counts them', async () => {
      const before = await harness.tripletStore.countTriplets();
      const events = [
        event({ itemId: 'a', minute: 1, polarity: 1 }),
        event({ itemId: 'b', minute: 2, polarity: 1, userId: 'u2' }),
      ];
      await harness.eventLog.append(events, recordingDeriver(tripletPerLike('n')).derive);
      const { triplets } = await harness.tripletStore.loadTrainingSet();
      const own = triplets.filter((triplet) => triplet.userId.startsWith(`${prefix}-`));
      expect(own).toEqual([
        {
          userId: id('u1'),
          positiveItemId: 'a',
          negativeItemId: 'n',
          sourceEventId: events[0].event.eventId,
        },
        {
          userId: id('u2'),
          positiveItemId: 'b',
          negativeItemId: 'n',
          sourceEventId: events[1].event.eventId,
        },
      ]);
      expect(await harness.tripletStore.countTriplets()).toBe(before + 2);
      expect(triplets).toHaveLength(before + 2);
    });
  });
}
