import { BehaviourAnchor } from '../aggregation/behaviour-anchor';
import { likedItemSet } from '../data/liked-item-set';
import { createSparseOptimizer } from '../optim/create-sparse-optimizer';
import { SeededRandom } from '../random/seeded-random';
import { plantedClusters } from '../testing/planted-clusters';
import { defaultTrainOptions } from '../train-options';
import { trainEmbeddings } from '../train-embeddings';
import type { TrainedEmbeddings } from '../trained-embeddings';
import type { TrainingData } from '../training-data';
import { aggregateBehaviour } from './aggregate-behaviour';

// dim 2; user 0 likes items 0 (weight 1) and 1 (weight 3); user 1 likes item 1; item 2 has no liker.
const model: TrainedEmbeddings = {
  dim: 2,
  metric: 'neg-l2',
  userVectors: Float32Array.of(1, 0, 0, 1),
  itemVectors: Float32Array.of(0, 0, 4, 8, 5, 5),
  epochs: [],
  path: 'composed',
};
const data: TrainingData = {
  userCount: 2,
  itemCount: 3,
  positives: {
    users: Int32Array.of(0, 0, 1),
    items: Int32Array.of(0, 1, 1),
    weights: Float32Array.of(1, 3, 1),
  },
  explicitTriplets: { users: new Int32Array(), positives: new Int32Array(), negatives: new Int32Array() }, // prettier-ignore
};

describe('aggregateBehaviour', () => {
  it('mixes each user with the weighted mean of its liked items', () => {
    const out = aggregateBehaviour(model, data, {
      userAggregation: 0.5,
      userAggregationSlope: 0,
      itemPropagation: 0,
    });
    // user 0: mean = (1 * (0,0) + 3 * (4,8)) / 4 = (3,6); 0.5 (1,0) + 0.5 (3,6) = (2,3).
    // user 1: mean = (4,8); 0.5 (0,1) + 0.5 (4,8) = (2,4.5).
    expect(Array.from(out.userVectors)).toEqual([2, 3, 2, 4.5]);
    expect(out.itemVectors).toBe(model.itemVectors);
  });

  it('gives each user the g of their liked count under a slope (g at 20 liked items)', () => {
    const mix = { userAggregation: 0.5, userAggregationSlope: -1, itemPropagation: 0 };
    const out = aggregateBehaviour(model, data, mix);
    // Slope -1, g 0.5 at 20: g_k = 20 / (20 + k). User 0 (2 liked): 10/11 of the mean (3,6);
    // user 1 (1 liked): 20/21 of (4,8).
    const expected = [1 / 11 + (10 / 11) * 3, (10 / 11) * 6, (20 / 21) * 4, 1 / 21 + (20 / 21) * 8];
    Array.from(out.userVectors).forEach((value, i) => expect(value).toBeCloseTo(expected[i], 6));
  });

  it('mixes each liked item with the weighted mean of its likers; unliked rows stay', () => {
    const out = aggregateBehaviour(model, data, {
      userAggregation: 0,
      userAggregationSlope: 0,
      itemPropagation: 0.25,
    });
    // item 0: likers mean (1,0) -> 0.75 (0,0) + 0.25 (1,0); item 1: (3 (1,0) + (0,1)) / 4 = (0.75,0.25).
    expect(Array.from(out.itemVectors)).toEqual([0.25, 0, 3 + 0.1875, 6 + 0.0625, 5, 5]);
    expect(out.userVectors).toBe(model.userVectors);
    expect(Array.from(model.itemVectors)).toEqual([0, 0, 4, 8, 5, 5]);
  });

  it('returns the model itself when both weights are 0', () => {
    expect(aggregateBehaviour(model, data, { userAggregation: 0, userAggregationSlope: -1, itemPropagation: 0 })).toBe(model); // prettier-ignore
  });

  it('is applied to what trainEmbeddings returns', async () => {
    const planted = plantedClusters({ userCount: 30, itemCount: 60, clusterCount: 3, likesPerUser: 5, seed: 2 }); // prettier-ignore
    const options = { dim: 4, epochs: 2, seed: 1 };
    const trained = await trainEmbeddings(planted.data, { ...options, userAggregation: 0 });
    const aggregated = await trainEmbeddings(planted.data, { ...options, userAggregation: 1 });
    expect(aggregated.itemVectors).toEqual(trained.itemVectors);
    const { users, items } = planted.data.positives;
    const mean = [0, 0, 0, 0];
    let count = 0;
    for (let k = 0; k < users.length; k++) {
      if (users[k] !== 0) continue;
      count++;
      for (let d = 0; d < 4; d++) mean[d] += trained.itemVectors[items[k] * 4 + d];
    }
    const expected = mean.map((sum) => sum / count);
    Array.from(aggregated.userVectors.subarray(0, 4)).forEach((value, d) =>
      expect(value).toBeCloseTo(expected[d], 5),
    );
  });

  describe("after training with the mix ('train' mode)", () => {
    // As `data`, with user 0's like of item 1 twice: distinct items {0, 1} for the anchor, weights aside.
    const repeated: TrainingData = {
      ...data,
      positives: {
        users: Int32Array.of(0, 0, 0, 1),
        items: Int32Array.of(0, 1, 1, 1),
        weights: Float32Array.of(1, 3, 1, 1),
      },
    };
    const trainMix = { userAggregation: 0.5, userAggregationSlope: 0, itemPropagation: 0, userAggregationMode: 'train' as const }; // prettier-ignore

    it('mixes each user with the plain mean of their distinct liked items', () => {
      const out = aggregateBehaviour(model, repeated, trainMix);
      // user 0: ((0,0) + (4,8)) / 2 = (2,4); 0.5 (1,0) + 0.5 (2,4) = (1.5,2). user 1: as before.
      expect(Array.from(out.userVectors)).toEqual([1.5, 2, 2, 4.5]);
      const weighted = aggregateBehaviour(model, repeated, { ...trainMix, userAggregationMode: 'export' }); // prettier-ignore
      // The export-only mix keeps the weighted mean: (1 (0,0) + 4 (4,8)) / 5 = (3.2,6.4).
      expect(Array.from(weighted.userVectors.subarray(0, 2))).toEqual(
        [0.5 + 0.5 * 3.2, 0.5 * 6.4].map(Math.fround),
      );
    });

    it('exports exactly the anchors the trained loss scored (BehaviourAnchor), g by liked count', () => {
      const dim = 8;
      const userCount = 12;
      const itemCount = 40;
      const random = new SeededRandom(9);
      // User u likes u + 1 items (so each has another g), user 3 one of them twice, random weights.
      const pairs = Array.from({ length: userCount }, (_, u) =>
        Array.from({ length: u + 1 }, (_, j) => [u, (u * 7 + j * 3) % itemCount]),
      ).flat();
      pairs.push([3, (3 * 7) % itemCount]);
      const likes: TrainingData = {
        ...data,
        userCount,
        itemCount,
        positives: {
          users: Int32Array.from(pairs, ([u]) => u),
          items: Int32Array.from(pairs, ([, i]) => i),
          weights: Float32Array.from(pairs, () => 0.5 + random.nextFloat() * 1.5),
        },
      };
      const users = Float32Array.from({ length: userCount * dim }, () => random.nextNormal() * 0.3);
      const items = Float32Array.from({ length: itemCount * dim }, () => random.nextNormal() * 0.3);
      const trained: TrainedEmbeddings = { dim, metric: 'neg-l2', userVectors: users, itemVectors: items, epochs: [], path: 'composed' }; // prettier-ignore
      const mix = { ...trainMix, userAggregation: 0.6, userAggregationSlope: -1 };
      const exported = aggregateBehaviour(trained, likes, mix);

      const anchors = new Float32Array((userCount + 1) * dim);
      anchors.set(users);
      const anchor = new BehaviourAnchor({
        dim,
        share: mix.userAggregation,
        slope: mix.userAggregationSlope,
        positives: likedItemSet(likes),
        anchors,
        items,
        itemOptimizer: createSparseOptimizer({ values: items, state: [], dim }, { ...defaultTrainOptions({ itemCount, positivePairs: 0 }), optimizer: 'sgd' }), // prettier-ignore
        scratch: { first: userCount, count: 1 },
      });
      for (let user = 0; user < userCount; user++) {
        const at = anchor.writeAnchor(user, userCount);
        expect(exported.userVectors.subarray(user * dim, (user + 1) * dim)).toEqual(
          anchors.subarray(at, at + dim),
        );
      }
    });
  });
});
