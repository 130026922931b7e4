import { validateInteractionEvent } from '@recsys/interaction-events';
import { generateTasteClusters, type TasteClusterOptions } from './generate-taste-clusters';
import { createSeededRandom } from './seeded-random';

const options: TasteClusterOptions = {
  seed: 7,
  clusterCount: 4,
  itemsPerCluster: 20,
  usersPerCluster: 5,
  positivesPerUser: 10,
  noiseRate: 0,
  impressionsPerUser: 2,
  shownPerImpression: 4,
  dislikesPerUser: 1,
  start: new Date('2026-01-01T00:00:00Z'),
  eventIdPrefix: 'demo-',
};

describe('createSeededRandom', () => {
  it('repeats for a seed, differs across seeds and stays in [0, 1)', () => {
    const a = createSeededRandom(1);
    const b = createSeededRandom(1);
    const c = createSeededRandom(2);
    const seqA = Array.from({ length: 100 }, a);
    expect(Array.from({ length: 100 }, b)).toEqual(seqA);
    expect(Array.from({ length: 100 }, c)).not.toEqual(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('generateTasteClusters', () => {
  const data = generateTasteClusters(options);
  const clusterOf = new Map(data.items.map((i) => [i.itemId, i.cluster]));
  const userCluster = new Map(data.users.map((u) => [u.userId, u.cluster]));

  it('is deterministic for a seed', () => {
    expect(generateTasteClusters(options)).toEqual(data);
  });

  it('produces the requested sizes and valid, unique events', () => {
    expect(data.items).toHaveLength(80);
    expect(data.users).toHaveLength(20);
    expect(data.events).toHaveLength(20 * (10 + 2 + 1));
    expect(new Set(data.events.map((e) => e.eventId)).size).toBe(data.events.length);
    const now = new Date('2026-02-01T00:00:00Z');
    expect(data.events.every((e) => validateInteractionEvent(e, { now }).ok)).toBe(true);
  });

  it('plants taste: positives inside the user cluster, dislikes outside it', () => {
    for (const e of data.events) {
      const same = clusterOf.get(e.itemId) === userCluster.get(e.userId);
      expect(e.type === 'dislike' ? !same : same).toBe(true);
    }
  });
});
