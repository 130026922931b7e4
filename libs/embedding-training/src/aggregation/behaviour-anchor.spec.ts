import type { Tensor, Tensor2D } from '@tensorflow/tfjs';
import { UserItemSet } from '../data/user-item-set';
import { createRowGeometry } from '../geometry/create-row-geometry';
import type { TrainingTables } from '../kernel/training-tables';
import { TrainingExample } from '../kernel/training-example';
import { TripletKernel } from '../kernel/triplet-kernel';
import { createTripletLoss } from '../losses/create-triplet-loss';
import { createSparseOptimizer } from '../optim/create-sparse-optimizer';
import { SeededRandom } from '../random/seeded-random';
import { loadTensorFlow, type TensorFlow } from '../tfjs/load-tensorflow';
import { tfjsTripletLoss } from '../tfjs/tfjs-triplet-loss';
import { defaultTrainOptions, type LossName, type TrainOptions } from '../train-options';
import { ANCHOR_ROWS_PER_THREAD } from './anchor-scratch';
import { ThreadAggregation } from './thread-aggregation';
import { userMixShare } from './user-mix-share';

const DIM = 4;
const USERS = 3;
const ITEMS = 6;
const SHARE = 0.75;
const LEARNING_RATE = 0.1;
const parameters = { margin: 0.4, negativeWeight: 1.5 };
// User 0 likes items 1 and 3, user 1 likes nothing (explicit triplets only), user 2 likes 0, 2 and 4.
const LIKES = { users: Int32Array.of(0, 0, 2, 2, 2), items: Int32Array.of(1, 3, 0, 2, 4) };
const positives = UserItemSet.fromPairs({ ...LIKES, userCount: USERS });

let tf: TensorFlow;
beforeAll(async () => {
  ({ tf } = await loadTensorFlow());
});

/** Users + one thread's scratch block, random rows; plain arrays (the geometries gather rows). */
function freshTables(seed: number): TrainingTables {
  const random = new SeededRandom(seed);
  const anchors = Float32Array.from({ length: (USERS + ANCHOR_ROWS_PER_THREAD) * DIM }, (_, i) =>
    i < USERS * DIM ? random.nextNormal() * 0.3 : 0,
  );
  return {
    anchors,
    users: anchors.subarray(0, USERS * DIM),
    items: Float32Array.from({ length: ITEMS * DIM }, () => random.nextNormal() * 0.3),
    anchorBlocksClaimed: new Int32Array(1),
    userState: [],
    itemState: [],
    memory: null,
    visitData: null,
  };
}

function options(
  loss: LossName,
  mode: TrainOptions['userAggregationMode'],
  slope = 0,
): TrainOptions {
  return {
    ...defaultTrainOptions({ itemCount: ITEMS, positivePairs: 0 }),
    dim: DIM,
    loss,
    optimizer: 'sgd',
    learningRate: LEARNING_RATE,
    maxNorm: 0,
    userAggregation: SHARE,
    userAggregationSlope: slope,
    userAggregationMode: mode,
  };
}

/** A thread's kernel as ThreadTrainer wires it, with its aggregation hook. */
function threadKernel(tables: TrainingTables, trainOptions: TrainOptions) {
  const aggregation = ThreadAggregation.create({
    tables,
    options: trainOptions,
    positives,
    userCount: USERS,
  });
  const loss = createTripletLoss(trainOptions.loss, trainOptions);
  const optimizer = (values: Float32Array) =>
    createSparseOptimizer({ values, state: [], dim: DIM }, trainOptions);
  const kernel = new TripletKernel({
    dim: DIM,
    loss,
    geometry: aggregation.geometry(
      createRowGeometry(loss.geometry, { anchors: tables.anchors, others: tables.items, dim: DIM }),
    ),
    users: aggregation.users(optimizer(tables.users)),
    items: optimizer(tables.items),
    maxNegatives: 4,
    reduction: 'mean',
    itemCount: ITEMS,
  });
  return { kernel, aggregation };
}

function example(user: number, positive: number, negatives: number[]): TrainingExample {
  const built = new TrainingExample(4);
  Object.assign(built, { user, positive, weight: 1 });
  negatives.forEach((item) => built.addNegative(item));
  return built;
}

const rowOf = (table: Float32Array, row: number) => table.slice(row * DIM, (row + 1) * DIM);

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>): void {
  expect(actual).toHaveLength(expected.length);
  for (let i = 0; i < expected.length; i++) {
    expect(Math.abs(actual[i] - expected[i])).toBeLessThanOrEqual(
      1e-4 * Math.abs(expected[i]) + 1e-6,
    );
  }
}

describe('ThreadAggregation (train-time behaviour aggregation)', () => {
  it.each([0, -1])(
    'anchors a user with liked items at (1 - g) u + g mean(liked rows), and others at u (slope %d)',
    (slope) => {
      const tables = freshTables(1);
      const { kernel, aggregation } = threadKernel(tables, options('bpr', 'train', slope));
      // g of a user with 2 liked items: SHARE itself without a slope.
      const g = userMixShare({ share: SHARE, slope }, 2);
      expect(g === SHARE).toBe(slope === 0);
      const geometry = aggregation.geometry(
        createRowGeometry('dot', { anchors: tables.anchors, others: tables.items, dim: DIM }),
      );
      const expected = Array.from({ length: DIM }, (_, k) => {
        const mean = (tables.items[1 * DIM + k] + tables.items[3 * DIM + k]) / 2;
        return (1 - g) * tables.users[k] + g * mean;
      });
      geometry.setAnchor(0 * DIM);
      const dots = [0, 1, 2, 3, 4, 5].map((item) => geometry.score(item * DIM));
      const reference = [0, 1, 2, 3, 4, 5].map((item) =>
        expected.reduce((sum, value, k) => sum + value * tables.items[item * DIM + k], 0),
      );
      expectClose(dots, reference);
      geometry.setAnchor(1 * DIM);
      const own = rowOf(tables.users, 1);
      const plain = [0, 1].map((item) =>
        own.reduce((sum, value, k) => sum + value * tables.items[item * DIM + k], 0),
      );
      expectClose(
        [0, 1].map((item) => geometry.score(item * DIM)),
        plain,
      );
      expect(kernel.tripletCount).toBe(0);
    },
  );

  describe.each<'triplet' | 'bpr' | 'cosine-triplet'>(['triplet', 'bpr', 'cosine-triplet'])(
    'with the %s loss',
    (loss) => {
      it.each([0, -1])(
        'takes the SGD step of autodiff through the mix: (1 - g) to u, g / k to each liked row (slope %d)',
        (slope) => {
          const before = freshTables(2);
          const after = freshTables(2);
          const { kernel, aggregation } = threadKernel(after, options(loss, 'train', slope));
          const g = userMixShare({ share: SHARE, slope }, 2);
          kernel.train(example(0, 1, [0, 4, 5]));
          aggregation.flush();

          // Reference: L(u, i) = mean_k loss(h, i_1, i_n_k), h = (1 - g) u + g (i_1 + i_3) / 2.
          const steps = tf.tidy(() => {
            const row = (table: Float32Array, index: number) =>
              tf.tensor2d(rowOf(table, index), [1, DIM]);
            const variables = [
              row(before.users, 0),
              ...[0, 1, 3, 4, 5].map((i) => row(before.items, i)),
            ];
            const objective = (
              u: Tensor,
              i0: Tensor,
              i1: Tensor,
              i3: Tensor,
              i4: Tensor,
              i5: Tensor,
            ) => {
              const h = tf.add(tf.mul(1 - g, u), tf.mul(g / 2, tf.add(i1, i3)));
              const losses = tfjsTripletLoss(tf, {
                ...parameters,
                loss,
                anchor: tf.tile(h, [3, 1]) as Tensor2D,
                positive: tf.tile(i1, [3, 1]) as Tensor2D,
                negative: tf.concat([i0, i4, i5]) as Tensor2D,
              });
              return tf.mean(losses);
            };
            const grads = tf.grads(objective)(variables);
            return variables.map((v, i) => tf.sub(v, tf.mul(LEARNING_RATE, grads[i])).dataSync());
          });
          expectClose(rowOf(after.users, 0), steps[0]);
          [0, 1, 3, 4, 5].forEach((item, i) => expectClose(rowOf(after.items, item), steps[i + 1]));
          // Item 2 is neither in the example nor liked by user 0; the other users never move.
          expect(rowOf(after.items, 2)).toEqual(rowOf(before.items, 2));
          expect(after.users.subarray(DIM)).toEqual(before.users.subarray(DIM));
        },
      );
    },
  );

  it("spreads a visit's summed gradient once per liked row, when the user changes or at flush", () => {
    const tables = freshTables(3);
    // BPR: every step has a gradient.
    const { kernel, aggregation } = threadKernel(tables, options('bpr', 'train'));
    const start = tables.items.slice();
    kernel.train(example(0, 1, [5]));
    // Liked-but-not-in-the-example row 3 waits for the visit's end.
    expect(rowOf(tables.items, 3)).toEqual(rowOf(start, 3));
    kernel.train(example(0, 3, [5]));
    const afterVisit = rowOf(tables.items, 3);
    kernel.train(example(2, 0, [5]));
    // The next user's first step spread user 0's sum: row 3 moved though it is not in that example.
    expect(rowOf(tables.items, 3)).not.toEqual(afterVisit);
    const beforeFlush = rowOf(tables.items, 4);
    aggregation.flush();
    expect(rowOf(tables.items, 4)).not.toEqual(beforeFlush);
  });

  it('trains a user without liked items as the plain kernel does', () => {
    const mixed = freshTables(4);
    const plain = freshTables(4);
    const scratch = mixed.anchors.slice(USERS * DIM);
    threadKernel(mixed, options('triplet', 'train')).kernel.train(example(1, 2, [3]));
    threadKernel(plain, options('triplet', 'export')).kernel.train(example(1, 2, [3]));
    expect(mixed.users).toEqual(plain.users);
    expect(mixed.items).toEqual(plain.items);
    expect(rowOf(mixed.users, 1)).not.toEqual(rowOf(freshTables(4).users, 1));
    expect(mixed.anchors.slice(USERS * DIM)).toEqual(scratch);
  });

  it('changes nothing in export mode (no scratch rows needed, the plain kernel)', () => {
    const tables = freshTables(5);
    const { aggregation } = threadKernel(tables, options('triplet', 'export'));
    const geometry = createRowGeometry('dot', { anchors: tables.anchors, others: tables.items, dim: DIM }); // prettier-ignore
    expect(aggregation.geometry(geometry)).toBe(geometry);
    expect(tables.anchorBlocksClaimed[0]).toBe(0);
  });
});
