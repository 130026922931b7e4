import type { Tensor, Tensor2D } from '@tensorflow/tfjs';
import { createRowGeometry } from '../geometry/create-row-geometry';
import { createTripletLoss } from '../losses/create-triplet-loss';
import { createSparseOptimizer } from '../optim/create-sparse-optimizer';
import { SeededRandom } from '../random/seeded-random';
import { loadTensorFlow, type TensorFlow } from '../tfjs/load-tensorflow';
import { tfjsTripletLoss } from '../tfjs/tfjs-triplet-loss';
import type { LossName, NegativeReduction } from '../train-options';
import { TrainingExample } from './training-example';
import { TripletKernel } from './triplet-kernel';

const DIM = 8;
const LEARNING_RATE = 0.1;
const WEIGHT = 0.7;
const NEGATIVES = [0, 4, 5];
const parameters = { margin: 0.4, negativeWeight: 1.5 };
const TEMPERATURE = 0.1;
/** A margin that makes every hinge active, so hinge(margin + BIG) - BIG is the unclipped argument. */
const BIG = 50;

let tf: TensorFlow;
beforeAll(async () => {
  ({ tf } = await loadTensorFlow());
});

function kernelStep(
  loss: LossName,
  tables: { users: Float32Array; items: Float32Array },
  reduction: NegativeReduction = 'mean',
) {
  const tripletLoss = createTripletLoss(loss, parameters);
  const geometryTables = { anchors: tables.users, others: tables.items, dim: DIM };
  const sgd = { optimizer: 'sgd' as const, learningRate: LEARNING_RATE, maxNorm: 0, l2: 0 };
  const optimizer = (values: Float32Array) =>
    createSparseOptimizer(
      { values, state: [], dim: DIM },
      { ...sgd, epsilon: 1e-8, adamBeta1: 0.9, adamBeta2: 0.999 },
    );
  const kernel = new TripletKernel({
    dim: DIM,
    loss: tripletLoss,
    geometry: createRowGeometry(tripletLoss.geometry, geometryTables),
    maxNegatives: 4,
    reduction,
    softmaxTemperature: TEMPERATURE,
    itemCount: 6,
    users: optimizer(tables.users),
    items: optimizer(tables.items),
  });
  const example = new TrainingExample(4);
  Object.assign(example, { user: 1, positive: 2, weight: WEIGHT });
  NEGATIVES.forEach((item) => example.addNegative(item));
  kernel.train(example);
  return kernel;
}

/**
 * The same step by tfjs autodiff: rows - lr * d/drows [weight * mean_k loss(u, p, n_k)], or for 'softmax'
 * weight * log(1 + sum_k exp(v_k / t)) with v_k the hinge's argument.
 */
function referenceStep(
  loss: LossName,
  tables: { users: Float32Array; items: Float32Array },
  reduction: NegativeReduction = 'mean',
) {
  const row = (table: Float32Array, index: number) => table.slice(index * DIM, (index + 1) * DIM);
  return tf.tidy(() => {
    const user = tf.tensor2d(row(tables.users, 1), [1, DIM]);
    const positive = tf.tensor2d(row(tables.items, 2), [1, DIM]);
    const negatives = tf.tensor2d(
      NEGATIVES.flatMap((n) => [...row(tables.items, n)]),
      [3, DIM],
    );
    const objective = (u: Tensor, p: Tensor, n: Tensor) => {
      const anchor = tf.tile(u, [3, 1]) as Tensor2D;
      const positives = tf.tile(p, [3, 1]) as Tensor2D;
      const triplets = { loss, anchor, positive: positives, negative: n as Tensor2D };
      if (reduction === 'softmax') {
        const margin = parameters.margin + BIG;
        const hinges = tfjsTripletLoss(tf, { ...parameters, ...triplets, margin });
        const exponents = tf.div(tf.sub(hinges, BIG), TEMPERATURE);
        return tf.mul(WEIGHT, tf.log1p(tf.sum(tf.exp(exponents))));
      }
      const losses = tfjsTripletLoss(tf, { ...parameters, ...triplets });
      return tf.mul(WEIGHT, tf.mean(losses));
    };
    const grads = tf.grads(objective)([user, positive, negatives]);
    return [user, positive, negatives].map((rows, i) =>
      tf.sub(rows, tf.mul(LEARNING_RATE, grads[i])).dataSync(),
    );
  });
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>): void {
  expect(actual).toHaveLength(expected.length);
  for (let i = 0; i < expected.length; i++) {
    expect(Math.abs(actual[i] - expected[i])).toBeLessThanOrEqual(
      1e-4 * Math.abs(expected[i]) + 1e-6,
    );
  }
}

/** Random user and item tables (3 users, 6 items) from `seed`. */
function randomTables(seed: number) {
  const random = new SeededRandom(seed);
  return {
    users: Float32Array.from({ length: 3 * DIM }, () => random.nextNormal() * 0.3),
    items: Float32Array.from({ length: 6 * DIM }, () => random.nextNormal() * 0.3),
  };
}

/** The kernel's rows of the example (user 1, positive 2, NEGATIVES) equal the reference step's. */
function expectReferenceRows(
  after: { users: Float32Array; items: Float32Array },
  [user, positive, negatives]: ArrayLike<number>[],
): void {
  expectClose(after.users.subarray(DIM, 2 * DIM), user);
  expectClose(after.items.subarray(2 * DIM, 3 * DIM), positive);
  NEGATIVES.forEach((item, k) =>
    expectClose(
      after.items.subarray(item * DIM, (item + 1) * DIM),
      Array.prototype.slice.call(negatives, k * DIM, (k + 1) * DIM),
    ),
  );
}

describe.each<LossName>([
  'triplet',
  'squared-triplet',
  'cosine-triplet',
  'soft-margin',
  'bpr',
  'cosine-contrastive',
])('TripletKernel with %s', (loss) => {
  it('takes the SGD step that tfjs autodiff gives and touches no other row', () => {
    const before = randomTables(99);
    const after = { users: before.users.slice(), items: before.items.slice() };
    const kernel = kernelStep(loss, after);

    expect(kernel.tripletCount).toBe(3);
    expectReferenceRows(after, referenceStep(loss, before));
    expect(after.users.subarray(0, DIM)).toEqual(before.users.subarray(0, DIM));
    expect(after.items.subarray(DIM, 2 * DIM)).toEqual(before.items.subarray(DIM, 2 * DIM));
    expect(after.items.subarray(3 * DIM, 4 * DIM)).toEqual(before.items.subarray(3 * DIM, 4 * DIM));
    expect(after.users.subarray(DIM, 2 * DIM)).not.toEqual(before.users.subarray(DIM, 2 * DIM));
  });
});

describe.each<LossName>(['triplet', 'squared-triplet', 'cosine-triplet'])(
  'TripletKernel with %s and the softmax reduction',
  (loss) => {
    it('takes the SGD step of log(1 + sum exp(v / t)) that tfjs autodiff gives', () => {
      const before = randomTables(7);
      const after = { users: before.users.slice(), items: before.items.slice() };
      const kernel = kernelStep(loss, after, 'softmax');
      const mean = { users: before.users.slice(), items: before.items.slice() };
      kernelStep(loss, mean, 'mean');

      expect(kernel.tripletCount).toBe(3);
      expect(kernel.lossSum).toBeGreaterThan(0);
      expectReferenceRows(after, referenceStep(loss, before, 'softmax'));
      // Not the mean hinge's step under another name.
      expect(after.items.subarray(2 * DIM, 3 * DIM)).not.toEqual(
        mean.items.subarray(2 * DIM, 3 * DIM),
      );
    });
  },
);

it('refuses the softmax reduction for a loss without a hinge, and without a temperature', () => {
  const tables = { anchors: new Float32Array(DIM), others: new Float32Array(DIM), dim: DIM };
  const parts = (loss: LossName, softmaxTemperature?: number) => {
    const tripletLoss = createTripletLoss(loss, parameters);
    const optimizer = createSparseOptimizer(
      { values: new Float32Array(DIM), state: [], dim: DIM },
      { optimizer: 'sgd', learningRate: 0.1, maxNorm: 0, l2: 0, epsilon: 1e-8, adamBeta1: 0.9, adamBeta2: 0.999 }, // prettier-ignore
    );
    return {
      dim: DIM,
      loss: tripletLoss,
      geometry: createRowGeometry(tripletLoss.geometry, tables),
      maxNegatives: 1,
      reduction: 'softmax' as const,
      softmaxTemperature,
      itemCount: 1,
      users: optimizer,
      items: optimizer,
    };
  };
  expect(() => new TripletKernel(parts('bpr', 0.1))).toThrow(/hinge loss/);
  expect(() => new TripletKernel(parts('triplet'))).toThrow(/temperature/);
  expect(() => new TripletKernel(parts('triplet', 0.1))).not.toThrow();
});
