import { createRowGeometry } from '../geometry/create-row-geometry';
import { createTripletLoss } from '../losses/create-triplet-loss';
import { createSparseOptimizer } from '../optim/create-sparse-optimizer';
import { SeededRandom } from '../random/seeded-random';
import { resolveTrainOptions } from '../resolve-train-options';
import type { TrainOptions } from '../train-options';
import { FusedTripletStep, fusedStepApplies } from './fused-triplet-step';
import { TrainingExample } from './training-example';
import { allocateTables, initializeTables, type TrainingTables } from './training-tables';
import { TripletKernel } from './triplet-kernel';

const USERS = 5;
const ITEMS = 24;

interface Example {
  user: number;
  positive: number;
  weight: number;
  negatives: number[];
}

function setup(partial: Partial<TrainOptions>): { options: TrainOptions; tables: TrainingTables } {
  const options = resolveTrainOptions(
    { learningRate: 0.1, initStd: 0.4, batchSize: 8, negativesPerPositive: 4, ...partial },
    { itemCount: ITEMS, positivePairs: 0 },
  );
  const tables = allocateTables({ userCount: USERS, itemCount: ITEMS, options, shared: false });
  initializeTables(tables, { ...options, random: new SeededRandom(3) });
  return { options, tables };
}

/** The generic path: TripletKernel with the geometry, loss and optimisers the options name. */
function generic(options: TrainOptions, tables: TrainingTables): TripletKernel {
  const loss = createTripletLoss(options.loss, options);
  const { dim } = options;
  return new TripletKernel({
    dim,
    loss,
    geometry: createRowGeometry(loss.geometry, {
      anchors: tables.users,
      others: tables.items,
      dim,
      memory: tables.memory ?? undefined,
    }),
    users: createSparseOptimizer({ values: tables.users, state: tables.userState, dim }, options),
    items: createSparseOptimizer({ values: tables.items, state: tables.itemState, dim }, options),
    maxNegatives: 8,
    reduction: options.negativeReduction,
    itemCount: ITEMS,
    softmaxTemperature: options.softmaxTemperature,
  });
}

function toExample(example: Example): TrainingExample {
  const built = new TrainingExample(8);
  Object.assign(built, { user: example.user, positive: example.positive, weight: example.weight });
  example.negatives.forEach((item) => built.addNegative(item));
  return built;
}

/** Trains `examples` both ways on equal tables; returns both tables and both kernels' counters. */
function bothWays(partial: Partial<TrainOptions>, examples: Example[], batched: boolean) {
  const reference = setup(partial);
  const fused = setup(partial);
  expect(fusedStepApplies(fused.options, fused.tables)).toBe(true);
  const kernel = generic(reference.options, reference.tables);
  const step = new FusedTripletStep({ ...fused, capacity: 8, stride: 8 });
  for (const example of examples) kernel.train(toExample(example));
  if (batched) {
    examples.forEach((example, i) => step.record(i, toExample(example)));
    step.trainBatch(examples.length, 2);
  } else {
    for (const example of examples) step.train(toExample(example));
  }
  return { reference: reference.tables, fused: fused.tables, kernel, step };
}

function expectClose(actual: Float32Array, expected: Float32Array): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) {
    worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / Math.max(1, Math.abs(expected[i])));
  }
  expect(worst).toBeLessThan(2e-5);
}

function expectSameTables(result: ReturnType<typeof bothWays>): void {
  const { reference, fused } = result;
  expectClose(fused.users, reference.users);
  expectClose(fused.items, reference.items);
  expectClose(fused.userState[0], reference.userState[0]);
  expectClose(fused.itemState[0], reference.itemState[0]);
  expect(result.step.tripletCount).toBe(result.kernel.tripletCount);
  expect(result.step.lossSum).toBeCloseTo(result.kernel.lossSum, 4);
}

function randomExamples(count: number, negatives: number, seed: number): Example[] {
  const random = new SeededRandom(seed);
  return Array.from({ length: count }, () => {
    const positive = random.nextInt(ITEMS);
    const others = Array.from({ length: negatives }, () => random.nextInt(ITEMS));
    return {
      user: random.nextInt(USERS),
      positive,
      weight: random.nextInt(2) === 0 ? 1 : 0.5,
      negatives: others.map((item) => (item === positive ? (item + 1) % ITEMS : item)),
    };
  });
}

describe('FusedTripletStep (the WebAssembly step of the default path)', () => {
  it.each([
    ['1 negative', 1, {}],
    ['4 negatives', 4, {}],
    ['4 negatives, sum reduction', 4, { negativeReduction: 'sum' as const }],
    ['4 negatives, l2 and no max-norm', 4, { l2: 0.01, maxNorm: 0 }],
    ['3 negatives, dim 12 (not a multiple of 8)', 3, { dim: 12 }],
    ['1 negative, softmax', 1, { negativeReduction: 'softmax' as const }],
    ['4 negatives, softmax', 4, { negativeReduction: 'softmax' as const }],
    ['1 negative, rank-weighted', 1, { negativeReduction: 'rank-weighted' as const }],
    ['4 negatives, rank-weighted', 4, { negativeReduction: 'rank-weighted' as const }],
    [
      '4 negatives, rank-weighted, l2 and no max-norm',
      4,
      { negativeReduction: 'rank-weighted' as const, l2: 0.01, maxNorm: 0 },
    ],
    [
      '4 negatives, softmax, t 0.5, l2',
      4,
      { negativeReduction: 'softmax' as const, softmaxTemperature: 0.5, l2: 0.01 },
    ],
  ])('gives the generic kernel updates to f32 tolerance: %s', (_name, negatives, partial) => {
    const examples = randomExamples(40, negatives, 11);
    for (const batched of [false, true]) {
      const result = bothWays({ dim: 16, ...partial }, examples.slice(0, 8), batched);
      expectSameTables(result);
      // The tables did move: the comparison is not between two untouched copies.
      const initial = setup({ dim: 16, ...partial }).tables.items;
      expect(result.fused.items.some((value, i) => value !== initial[i])).toBe(true);
    }
    // Many steps one at a time (rows visited again, accumulators growing).
    expectSameTables(bothWays({ dim: 16, ...partial }, examples, false));
  });

  it('leaves every row alone for inactive triplets (zero hinge) and counts them', () => {
    const { options, tables } = setup({ dim: 8, margin: 0.4 });
    const step = new FusedTripletStep({ options, tables, capacity: 8, stride: 8 });
    const dim = options.dim;
    // User 0 sits on item 1 (d_p = 0); item 2 is 0.9 away: 0 - 0.9 + 0.4 < 0.
    tables.users.fill(0, 0, dim);
    tables.items.fill(0, dim, 2 * dim);
    tables.items.fill(0, 2 * dim, 3 * dim);
    tables.items[2 * dim] = 0.9;
    const before = Float32Array.from(new Float32Array(tables.memory!.memory.buffer));
    step.train(toExample({ user: 0, positive: 1, weight: 1, negatives: [2, 2] }));
    expect(step.tripletCount).toBe(2);
    expect(step.lossSum).toBe(0);
    expect(Float32Array.from(tables.users)).toEqual(
      before.subarray(
        tables.users.byteOffset / 4,
        tables.users.byteOffset / 4 + tables.users.length,
      ),
    );
    expect(Float32Array.from(tables.items)).toEqual(
      before.subarray(
        tables.items.byteOffset / 4,
        tables.items.byteOffset / 4 + tables.items.length,
      ),
    );
    expect(Array.from(tables.itemState[0])).toEqual(new Array(ITEMS).fill(0));
  });

  it('scores against a given anchor row and scales the user gradient (0: user row untouched)', () => {
    const { options, tables } = setup({ dim: 8 });
    const step = new FusedTripletStep({ options, tables, capacity: 8, stride: 8 });
    const userRow = Float32Array.from(tables.users.subarray(8, 16));
    // The anchor: item 5's row, given by address.
    step.anchors[0] = tables.items.byteOffset + 5 * 8 * 4;
    step.record(0, toExample({ user: 1, positive: 3, weight: 1, negatives: [7] }));
    step.setUserGradientScale(0);
    step.trainBatch(1, 0, true);
    expect(Float32Array.from(tables.users.subarray(8, 16))).toEqual(userRow);
    expect(tables.userState[0][1]).toBe(0);
    if (step.lossSum > 0) expect(step.userGradient.some((value) => value !== 0)).toBe(true);
  });

  it('is not used where it would differ from the generic kernel', () => {
    for (const partial of [
      { loss: 'soft-margin' as const },
      { optimizer: 'adagrad' as const },
      { dim: 10 },
    ]) {
      const { options, tables } = setup(partial);
      expect(fusedStepApplies(options, tables)).toBe(false);
    }
  });
});
