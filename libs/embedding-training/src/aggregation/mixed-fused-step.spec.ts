import { UserItemSet } from '../data/user-item-set';
import { createRowGeometry } from '../geometry/create-row-geometry';
import { FusedTripletStep, fusedStepApplies } from '../kernel/fused-triplet-step';
import { TrainingExample } from '../kernel/training-example';
import { allocateTables, initializeTables } from '../kernel/training-tables';
import { TripletKernel } from '../kernel/triplet-kernel';
import { createTripletLoss } from '../losses/create-triplet-loss';
import { createSparseOptimizer } from '../optim/create-sparse-optimizer';
import { SeededRandom } from '../random/seeded-random';
import { resolveTrainOptions } from '../resolve-train-options';
import type { TrainOptions } from '../train-options';
import { MixedFusedStep } from './mixed-fused-step';
import { ThreadAggregation } from './thread-aggregation';

const USERS = 4;
const ITEMS = 24;
const LIKED = [[1, 2, 3], [4, 5], [6], []];
/** (user, positive, negatives), users' examples consecutive as in the by-user order; user 0 comes back. */
const EXAMPLES: [number, number, number[]][] = [
  [0, 1, [7, 8]],
  [0, 2, [9, 10]],
  [0, 3, [11, 12]],
  [1, 4, [13, 14]],
  [1, 5, [15, 16]],
  [2, 6, [17, 18]],
  [0, 1, [19, 20]],
  [0, 3, [21, 22]],
  // A user without liked items: scored as their own row, which takes the whole gradient.
  [3, 23, [0, 7]],
];

/** Tables, liked sets and the aggregation hook of one thread, trained with the mix (g 0.75). */
function setup(partial: Partial<TrainOptions> = {}) {
  const options = resolveTrainOptions(
    {
      learningRate: 0.1,
      initStd: 0.4,
      batchSize: 8,
      negativesPerPositive: 2,
      userAggregation: 0.75,
      userAggregationMode: 'train',
      threads: 1,
      ...partial,
    },
    { itemCount: ITEMS, positivePairs: 0 },
  );
  const tables = allocateTables({ userCount: USERS, itemCount: ITEMS, options, shared: false });
  initializeTables(tables, { ...options, random: new SeededRandom(3) });
  const positives = UserItemSet.fromPairs({
    users: Int32Array.from(LIKED.flatMap((items, user) => items.map(() => user))),
    items: Int32Array.from(LIKED.flat()),
    userCount: USERS,
  });
  const aggregation = ThreadAggregation.create({ tables, options, positives, userCount: USERS });
  const { dim } = options;
  const optimizer = (values: Float32Array, state: Float32Array[]) =>
    createSparseOptimizer({ values, state, dim }, options);
  return { options, tables, aggregation, optimizer };
}

function run(trainer: { train(example: TrainingExample): void }, aggregation: ThreadAggregation) {
  for (const [user, positive, negatives] of EXAMPLES) {
    const example = new TrainingExample(8);
    Object.assign(example, { user, positive, weight: 1 });
    negatives.forEach((item) => example.addNegative(item));
    trainer.train(example);
  }
  aggregation.flush();
}

function worstDifference(actual: Float32Array, expected: Float32Array): number {
  let worst = 0;
  for (let i = 0; i < actual.length; i++)
    worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
  return worst;
}

describe('MixedFusedStep', () => {
  it.each([
    ['mean', {}],
    ['softmax', { negativeReduction: 'softmax' as const }],
    // Users 0, 1 and 2 like 3, 2 and 1 items: three different g, so three user-row shares.
    ['g by liked count', { userAggregationSlope: -1 }],
  ])(
    "gives the generic kernel's updates through the mix (items, users, liked rows) to f32 tolerance: %s",
    (_name, partial) => {
      const reference = setup(partial);
      const { options } = reference;
      const loss = createTripletLoss(options.loss, options);
      const kernel = new TripletKernel({
        dim: options.dim,
        loss,
        geometry: reference.aggregation.geometry(
          createRowGeometry(loss.geometry, {
            anchors: reference.tables.anchors,
            others: reference.tables.items,
            dim: options.dim,
            memory: reference.tables.memory ?? undefined,
          }),
        ),
        users: reference.aggregation.users(
          reference.optimizer(reference.tables.users, reference.tables.userState),
        ),
        items: reference.optimizer(reference.tables.items, reference.tables.itemState),
        maxNegatives: 8,
        reduction: options.negativeReduction,
        itemCount: ITEMS,
        softmaxTemperature: options.softmaxTemperature,
      });
      run(kernel, reference.aggregation);

      const fused = setup(partial);
      expect(fusedStepApplies(fused.options, fused.tables)).toBe(true);
      const step = fused.aggregation.fusedStep(
        new FusedTripletStep({ tables: fused.tables, options, capacity: 8, stride: 8 }),
      );
      expect(step).toBeInstanceOf(MixedFusedStep);
      run(step, fused.aggregation);

      const before = setup().tables;
      // Training moved the rows (the comparison is not between two untouched tables)...
      expect(worstDifference(reference.tables.users, before.users)).toBeGreaterThan(1e-3);
      expect(worstDifference(reference.tables.items, before.items)).toBeGreaterThan(1e-3);
      // ...the same way on both paths.
      expect(worstDifference(fused.tables.users, reference.tables.users)).toBeLessThan(1e-5);
      expect(worstDifference(fused.tables.items, reference.tables.items)).toBeLessThan(1e-5);
      expect(worstDifference(fused.tables.userState[0], reference.tables.userState[0])).toBeLessThan(1e-5); // prettier-ignore
      expect(worstDifference(fused.tables.itemState[0], reference.tables.itemState[0])).toBeLessThan(1e-5); // prettier-ignore
      expect(step.tripletCount).toBe(kernel.tripletCount);
      expect(step.lossSum).toBeCloseTo(kernel.lossSum, 4);
    },
  );

  it('is the plain fused step without train-time aggregation', () => {
    const options = resolveTrainOptions(
      { userAggregation: 0 },
      { itemCount: ITEMS, positivePairs: 0 },
    );
    const tables = allocateTables({ userCount: USERS, itemCount: ITEMS, options, shared: false });
    const positives = UserItemSet.fromPairs({ users: new Int32Array(0), items: new Int32Array(0), userCount: USERS }); // prettier-ignore
    const aggregation = ThreadAggregation.create({ tables, options, positives, userCount: USERS });
    const step = new FusedTripletStep({ tables, options, capacity: 8, stride: 8 });
    expect(aggregation.fusedStep(step)).toBe(step);
  });
});
