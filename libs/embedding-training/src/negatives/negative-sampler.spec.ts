import { UserItemSet } from '../data/user-item-set';
import { EuclideanGeometry } from '../geometry/euclidean-geometry';
import { TrainingExample } from '../kernel/training-example';
import { AliasTable } from '../random/alias-table';
import { SeededRandom } from '../random/seeded-random';
import type { NegativeSource } from '../train-options';
import { NegativeSampler, type NegativeSamplerParts } from './negative-sampler';

// One dimension: user 0 sits at 0 and item i at i, so d(user, item i) = i. User 0 likes 0, 1 and 5.
const ITEMS = 10;
const positives = UserItemSet.fromPairs({
  users: Int32Array.of(0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1),
  items: Int32Array.of(0, 1, 5, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
  userCount: 2,
});
const geometry = new EuclideanGeometry({
  anchors: Float32Array.of(0, 0),
  others: Float32Array.from({ length: ITEMS }, (_, i) => i),
  dim: 1,
});

function sampler(
  mix: Partial<Record<NegativeSource, number>>,
  extra: { popularity?: AliasTable } = {},
) {
  return new NegativeSampler(samplerParts(mix, extra));
}

function samplerParts(
  mix: Partial<Record<NegativeSource, number>>,
  extra: { popularity?: AliasTable } = {},
): NegativeSamplerParts {
  return {
    random: new SeededRandom(1),
    itemCount: ITEMS,
    dim: 1,
    positives,
    explicitNegatives: UserItemSet.fromPairs({
      users: Int32Array.of(0),
      items: Int32Array.of(8),
      userCount: 2,
    }),
    popularity: extra.popularity ?? null,
    geometry,
    negativesPerPositive: 1,
    candidates: 40,
    candidateReuse: 1,
    mix,
    warmupEpochs: 0,
  };
}

function draws(instance: NegativeSampler, user = 0, times = 2000): number[] {
  const example = new TrainingExample(1);
  example.user = user;
  example.positive = 5;
  const items: number[] = [];
  for (let i = 0; i < times; i++) {
    example.negativeCount = 0;
    instance.fill(example);
    if (example.negativeCount > 0) items.push(example.negatives[0]);
  }
  return items;
}

const share = (items: number[], item: number) =>
  items.filter((i) => i === item).length / items.length;

describe('NegativeSampler', () => {
  it.each<NegativeSource>(['uniform', 'popularity', 'hardest', 'semi-hard', 'explicit'])(
    '%s never returns an item the user likes',
    (source) => {
      const items = draws(
        sampler({ [source]: 1 }, { popularity: new AliasTable([9, 9, 1, 1, 1, 9, 1, 1, 1, 1]) }),
      );
      expect(items.length).toBe(2000);
      expect(items.some((item) => positives.has(0, item))).toBe(false);
    },
  );

  it('gives up (returns no negative) for a user who likes every item', () => {
    expect(draws(sampler({ uniform: 1 }), 1, 50)).toEqual([]);
  });

  it('uniform covers every other item', () => {
    expect(new Set(draws(sampler({ uniform: 1 })))).toEqual(new Set([2, 3, 4, 6, 7, 8, 9]));
  });

  it('hardest-of-W picks the closest candidate', () => {
    expect(share(draws(sampler({ hardest: 1 })), 2)).toBeGreaterThan(0.95);
  });

  it('semi-hard picks the closest candidate farther than the positive', () => {
    expect(share(draws(sampler({ 'semi-hard': 1 })), 6)).toBeGreaterThan(0.95);
  });

  it("explicit draws the user's own unliked items", () => {
    expect(new Set(draws(sampler({ explicit: 1 })))).toEqual(new Set([8]));
  });

  it('popularity follows the weights', () => {
    const weights = [1, 1, 1, 1, 1, 1, 1, 1, 1, 20];
    const items = draws(sampler({ popularity: 1 }, { popularity: new AliasTable(weights) }));
    expect(share(items, 9)).toBeGreaterThan(0.6);
  });

  it('mixes sources by their weights', () => {
    const items = draws(sampler({ explicit: 1, hardest: 1 }));
    expect(share(items, 8)).toBeGreaterThan(0.4);
    expect(share(items, 2)).toBeGreaterThan(0.4);
  });

  it('warms up from easy (uniform) to hard negatives', () => {
    const instance = new NegativeSampler({
      ...samplerParts({ hardest: 1 }),
      warmupEpochs: 4,
    });
    const hardShare = (epoch: number) => {
      instance.setEpoch(epoch);
      return share(draws(instance), 2);
    };
    expect(hardShare(0)).toBeLessThan(0.2);
    expect(hardShare(2)).toBeGreaterThan(0.45);
    expect(hardShare(2)).toBeLessThan(0.75);
    expect(hardShare(4)).toBeGreaterThan(0.95);
  });

  it("'top' takes a pair's closest unliked candidates of one set of W, closest first, no repeats", () => {
    const instance = new NegativeSampler({
      ...samplerParts({ hardest: 1 }),
      negativesPerPositive: 3,
      selection: 'top',
    });
    const example = new TrainingExample(3);
    example.user = 0;
    example.positive = 5;
    const sets: string[] = [];
    for (let i = 0; i < 500; i++) {
      example.negativeCount = 0;
      instance.fill(example);
      sets.push([...example.negatives.subarray(0, example.negativeCount)].join(','));
    }
    // 40 candidates of 7 unliked items: items 2, 3 and 4 are almost always among them.
    expect(sets.filter((set) => set === '2,3,4').length / sets.length).toBeGreaterThan(0.95);
    expect(sets.every((set) => new Set(set.split(',')).size === set.split(',').length)).toBe(true);
  });

  it("'top' under warm-up mixes uniform draws with the closest of one set", () => {
    const instance = new NegativeSampler({
      ...samplerParts({ hardest: 1 }),
      negativesPerPositive: 2,
      selection: 'top',
      warmupEpochs: 4,
    });
    instance.setEpoch(2);
    const example = new TrainingExample(2);
    example.user = 0;
    example.positive = 5;
    let hard = 0;
    let total = 0;
    for (let i = 0; i < 1000; i++) {
      example.negativeCount = 0;
      instance.fill(example);
      const items = [...example.negatives.subarray(0, example.negativeCount)];
      expect(items.some((item) => positives.has(0, item))).toBe(false);
      hard += items.filter((item) => item === 2).length;
      total += items.length;
    }
    expect(total).toBe(2000);
    // Half the draws are hard at epoch 2 of 4: a pair has a hard set (which starts with 2) 3 times in 4, and
    // one uniform draw on average, which is 2 one time in 7: 0.75 + 1 / 7 ~ 0.89 per pair (with 'each',
    // every hard draw would be 2: 1 + 1 / 7 ~ 1.14).
    expect(hard / 1000).toBeGreaterThan(0.83);
    expect(hard / 1000).toBeLessThan(0.95);
  });
});
