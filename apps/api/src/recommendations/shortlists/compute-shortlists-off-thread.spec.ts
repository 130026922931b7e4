import type { ModelSnapshot } from '@recsys/domain';
import {
  buildServingModel,
  computeUserShortlists,
  shortlistSourceOf,
  UserShortlists,
} from '@recsys/recommendations';
import { buildVectorIndex, clusteredVectors, runStepsNow } from '@recsys/vector-index';
import { computeShortlistsOffThread } from './compute-shortlists-off-thread';

const DIM = 8;
const ITEMS = 3_000;
const USERS = 4_500;

async function servingModel() {
  const itemVectors = clusteredVectors({ rows: ITEMS, dim: DIM, clusterCount: 30, spread: 0.5, seed: 1 }); // prettier-ignore
  const snapshot: ModelSnapshot = {
    metadata: { version: 'v1', createdAt: '2026-01-01T00:00:00Z', dim: DIM, metric: 'neg-l2', itemCount: ITEMS, userCount: USERS, metrics: {}, trainingParams: {} }, // prettier-ignore
    itemIds: Array.from({ length: ITEMS }, (_, i) => `item-${i}`),
    itemVectors,
    userIds: Array.from({ length: USERS }, (_, u) => `user-${u}`),
    userVectors: clusteredVectors({
      rows: USERS,
      dim: DIM,
      clusterCount: 30,
      spread: 0.5,
      seed: 2,
    }),
    // user u saw items u and u+1 (mod ITEMS)
    seenItems: {
      offsets: Int32Array.from({ length: USERS + 1 }, (_, u) => 2 * u),
      items: Int32Array.from({ length: 2 * USERS }, (_, i) => (Math.floor(i / 2) + (i % 2)) % ITEMS), // prettier-ignore
    },
    popularItems: new Int32Array([0]),
  };
  const index = await buildVectorIndex(itemVectors, DIM, 'neg-l2', { exactBelow: 1_000, seed: 3 });
  return buildServingModel(snapshot, index);
}

describe('computeShortlistsOffThread', () => {
  jest.setTimeout(120_000);

  it('computes on a worker thread, over the same index, the lists computed here', async () => {
    const model = await servingModel();
    const here = runStepsNow(computeUserShortlists(shortlistSourceOf(model), new UserShortlists(USERS, 12))); // prettier-ignore
    const lists = new UserShortlists(USERS, 12);
    await computeShortlistsOffThread(model, lists).done;
    expect(lists.computed).toBe(USERS);
    expect(lists.counts).toEqual(here.counts);
    expect(lists.items).toEqual(here.items);
    expect(lists.scores).toEqual(here.scores);
    // user 7's training items (7, 8) are not in its list
    expect(Array.from(lists.items.subarray(7 * 12, 8 * 12))).not.toEqual(expect.arrayContaining([7])); // prettier-ignore
  });

  it('stops the worker on cancel, keeping the lists that arrived', async () => {
    const model = await servingModel();
    const lists = new UserShortlists(USERS, 12);
    const job = computeShortlistsOffThread(model, lists);
    job.cancel();
    await expect(job.done).rejects.toThrow();
    expect(lists.computed).toBeLessThan(USERS);
  });
});
