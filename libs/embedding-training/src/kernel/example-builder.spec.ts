import { UserItemSet } from '../data/user-item-set';
import { EuclideanGeometry } from '../geometry/euclidean-geometry';
import { NegativeSampler } from '../negatives/negative-sampler';
import { SeededRandom } from '../random/seeded-random';
import type { TrainingData } from '../training-data';
import type { InBatchMode } from '../train-options';
import { ExampleBuilder } from './example-builder';
import { GatheredBatch } from './gathered-batch';
import { TrainingExample } from './training-example';

// Pairs (user, item): (0, 0), (1, 1), (2, 2), (3, 3), and user 0 also likes item 2. In 1-D every row sits
// at its index, so user 0 is closer to item 1 than to item 3.
const data: TrainingData = {
  userCount: 4,
  itemCount: 5,
  positives: {
    users: Int32Array.of(0, 1, 2, 3, 0),
    items: Int32Array.of(0, 1, 2, 3, 2),
    weights: Float32Array.of(1, 1, 1, 1, 1),
  },
  explicitTriplets: {
    users: Int32Array.of(1, 0),
    positives: Int32Array.of(1, 0),
    negatives: Int32Array.of(4, 2),
  },
};
const positives = UserItemSet.fromPairs({ ...data.positives, userCount: 4 });
const tables = {
  anchors: Float32Array.of(0, 1, 2, 3),
  others: Float32Array.of(0, 1, 2, 3, 4),
  dim: 1,
};

function builderFor(inBatch: InBatchMode): ExampleBuilder {
  const sampler = new NegativeSampler({
    random: new SeededRandom(1),
    itemCount: 5,
    dim: 1,
    positives,
    explicitNegatives: UserItemSet.fromPairs({
      users: new Int32Array(),
      items: new Int32Array(),
      userCount: 4,
    }),
    popularity: null,
    geometry: new EuclideanGeometry(tables),
    negativesPerPositive: 0,
    candidates: 1,
    candidateReuse: 1,
    mix: { uniform: 1 },
    warmupEpochs: 0,
  });
  return new ExampleBuilder({
    sampler,
    positives,
    inBatchGeometry: new EuclideanGeometry(tables),
    inBatch,
    dim: 1,
    batchSize: 4,
  });
}

/** Builds every item of `batch` and returns what the kernel would see. */
function runOnce(inBatch: InBatchMode, order: number[]) {
  const builder = builderFor(inBatch);
  const batch = new GatheredBatch({ data, explicitTripletWeight: 0.5, batchSize: 8 });
  batch.gather(Int32Array.from(order));
  const example = new TrainingExample(8);
  return order.map((_, index) => {
    builder.build(example, batch, index);
    return {
      user: example.user,
      positive: example.positive,
      weight: example.weight,
      negatives: [...example.negatives.subarray(0, example.negativeCount)],
    };
  });
}

describe('ExampleBuilder', () => {
  it('batch-all: every other liked item of the batch that the user does not like', () => {
    const seen = runOnce('batch-all', [0, 1, 2, 3]);
    expect(seen[0]).toMatchObject({ user: 0, positive: 0, negatives: [1, 3] });
    expect(seen[1]).toMatchObject({ user: 1, negatives: [0, 2, 3] });
  });

  it('batch-hard: only the closest of them', () => {
    const seen = runOnce('batch-hard', [0, 1, 2, 3]);
    expect(seen[0].negatives).toEqual([1]);
    expect(seen[3].negatives).toEqual([2]);
  });

  it('takes in-batch negatives from the batch only', () => {
    const seen = runOnce('batch-all', [0, 3]);
    expect(seen[0]).toMatchObject({ user: 0, positive: 0, negatives: [3] });
  });

  it('builds explicit triplets with their weight, leaving out a negative the user likes', () => {
    const seen = runOnce('none', [5, 6]);
    expect(seen).toEqual([
      { user: 1, positive: 1, weight: 0.5, negatives: [4] },
      { user: 0, positive: 0, weight: 0.5, negatives: [] },
    ]);
  });
});
