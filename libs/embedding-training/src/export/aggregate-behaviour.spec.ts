import { plantedClusters } from '../testing/planted-clusters';
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
});
