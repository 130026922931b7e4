import { catalogueShapeOf } from '../catalogue-defaults';
import { UserItemSet } from '../data/user-item-set';
import { createRowGeometry } from '../geometry/create-row-geometry';
import { createNegativeSampler } from '../negatives/create-negative-sampler';
import { SeededRandom } from '../random/seeded-random';
import { resolveTrainOptions } from '../resolve-train-options';
import type { TrainingData } from '../training-data';
import type { TrainOptions } from '../train-options';
import { createExampleBuilder } from './create-example-builder';
import { FusedBatchRunner } from './fused-batch-runner';
import { FusedTripletStep } from './fused-triplet-step';
import { GatheredBatch } from './gathered-batch';
import { placeLikedLists } from './liked-lists';
import { maxNegatives } from './max-negatives';
import { allocateTables, initializeTables, type TrainingTables } from './training-tables';
import { kernelDrawsUniform, UniformBatchRunner } from './uniform-batch-runner';

const USERS = 7;
const ITEMS = 40;

/**
 * Random pairs (some of weight 0), user 0 likes every item (no uniform negative exists for them), and
 * explicit triplets, one of whose negatives the user likes.
 */
function testData(): TrainingData {
  const random = new SeededRandom(5);
  const users: number[] = [];
  const items: number[] = [];
  const weights: number[] = [];
  for (let item = 0; item < ITEMS; item++) {
    users.push(0);
    items.push(item);
    weights.push(1);
  }
  for (let k = 0; k < 150; k++) {
    users.push(1 + random.nextInt(USERS - 1));
    items.push(random.nextInt(ITEMS));
    weights.push(k % 11 === 0 ? 0 : 0.5 + random.nextFloat());
  }
  const liked = items[ITEMS + 1];
  return {
    userCount: USERS,
    itemCount: ITEMS,
    positives: {
      users: Int32Array.from(users),
      items: Int32Array.from(items),
      weights: Float32Array.from(weights),
    },
    explicitTriplets: {
      users: Int32Array.from([3, users[ITEMS + 1], 5]),
      positives: Int32Array.from([1, 2, 3]),
      negatives: Int32Array.from([4, liked, 6]),
    },
  };
}

interface Trained {
  tables: TrainingTables;
  step: FusedTripletStep;
  random: SeededRandom;
}

function setup(data: TrainingData, partial: Partial<TrainOptions>) {
  const options = resolveTrainOptions(
    {
      dim: 16,
      batchSize: 16,
      learningRate: 0.1,
      initStd: 0.3,
      negativeMix: { uniform: 1 },
      userAggregationMode: 'export',
      ...partial,
    },
    catalogueShapeOf(data),
  );
  const tables = allocateTables({ ...data, options, shared: false });
  initializeTables(tables, { ...options, random: new SeededRandom(9) });
  const positives = UserItemSet.fromPairs({ ...data.positives, userCount: data.userCount });
  const geometry = createRowGeometry('euclidean', {
    anchors: tables.users,
    others: tables.items,
    dim: options.dim,
    memory: tables.memory ?? undefined,
  });
  const sampler = createNegativeSampler({ data, options, positives, geometry, seed: 77, tables });
  const step = new FusedTripletStep({
    tables,
    options,
    capacity: options.batchSize,
    stride: maxNegatives(options),
  });
  return { options, tables, positives, geometry, sampler, step };
}

/** The path before: JavaScript sampling (NegativeSampler) into the step's slots, FusedBatchRunner. */
function trainWithJavaScriptDraws(data: TrainingData, partial: Partial<TrainOptions>): Trained {
  const { options, tables, positives, geometry, sampler, step } = setup(data, partial);
  const runner = new FusedBatchRunner({
    gathered: new GatheredBatch({ data, explicitTripletWeight: 0.7, batchSize: options.batchSize }),
    builder: createExampleBuilder({ options, sampler, positives, geometry }),
    step,
    batchSize: options.batchSize,
  });
  for (const order of workOrders(data)) runner.run(order);
  return { tables, step, random: sampler.random };
}

/** The kernel draws the negatives (UniformBatchRunner). */
function trainWithKernelDraws(data: TrainingData, partial: Partial<TrainOptions>): Trained {
  const { options, tables, positives, sampler, step } = setup(data, partial);
  const runner = UniformBatchRunner.create({
    data,
    options: { ...options, explicitTripletWeight: 0.7 },
    tables,
    positives,
    step,
    random: sampler.random,
  });
  if (runner === null) throw new Error('the liked lists did not fit in the arena');
  for (const order of workOrders(data)) runner.run(order);
  return { tables, step, random: sampler.random };
}

/** Two epochs' shuffled orders of every work item, the second in two slices (a partial last batch). */
function workOrders(data: TrainingData): Int32Array[] {
  const count = data.positives.users.length + data.explicitTriplets.users.length;
  const random = new SeededRandom(3);
  const first = Int32Array.from({ length: count }, (_, i) => i);
  random.shuffle(first);
  const second = first.slice();
  random.shuffle(second);
  return [first, second.subarray(0, 37), second.subarray(37)];
}

describe('UniformBatchRunner (uniform negatives drawn by the fused step)', () => {
  it.each([
    ['1 negative', { negativesPerPositive: 1 }],
    ['4 negatives', { negativesPerPositive: 4 }],
    ['3 negatives, sum reduction', { negativesPerPositive: 3, negativeReduction: 'sum' as const }],
  ])('trains exactly as JavaScript sampling into the fused step: %s', (_name, partial) => {
    const data = testData();
    const before = setup(data, partial).tables.items.slice();
    const reference = trainWithJavaScriptDraws(data, partial);
    const kernel = trainWithKernelDraws(data, partial);
    // Same draws in the same order, so the same bits (not merely close).
    expect(kernel.tables.users).toEqual(reference.tables.users);
    expect(kernel.tables.items).toEqual(reference.tables.items);
    expect(kernel.tables.itemState[0]).toEqual(reference.tables.itemState[0]);
    expect(kernel.step.tripletCount).toBe(reference.step.tripletCount);
    expect(kernel.step.lossSum).toBe(reference.step.lossSum);
    // The stream goes on where JavaScript's would.
    expect(kernel.random.nextUint32()).toBe(reference.random.nextUint32());
    expect(kernel.tables.items.some((value, i) => value !== before[i])).toBe(true);
    expect(kernel.step.tripletCount).toBeGreaterThan(0);
  });

  it('draws what NegativeSampler.uniform draws: never a liked item, none for a user who likes all', () => {
    const data = testData();
    const partial = { negativesPerPositive: 3 };
    const { tables, positives, sampler, step } = setup(data, partial);
    const javaScript = setup(data, partial).sampler;
    step.configureUniform({
      liked: placeLikedLists(tables.memory!, positives)!,
      itemCount: ITEMS,
      draws: 3,
    });
    const state = new Int32Array(4);
    sampler.random.saveState(state);
    step.setRandomState(state);
    const users = [0, 1, 2, 3, 4, 5, 6, 1, 2, 0];
    users.forEach((user, i) => {
      step.users[i] = user;
      step.positives[i] = 0;
      step.weights[i] = 1;
      step.counts[i] = -1;
    });
    step.sampleAndTrainBatch(users.length, 4);
    users.forEach((user, i) => {
      const expected = [0, 1, 2].map(() => javaScript.uniform(user)).filter((item) => item >= 0);
      const drawn = Array.from(step.negatives.subarray(i * step.stride, i * step.stride + 3));
      expect(drawn.slice(0, step.counts[i])).toEqual(expected);
      expect(step.counts[i]).toBe(user === 0 ? 0 : 3);
      for (const item of expected) expect(positives.has(user, item)).toBe(false);
    });
    step.readRandomState(state);
    sampler.random.restoreState(state);
    expect(sampler.random.nextUint32()).toBe(javaScript.random.nextUint32());
  });

  it('applies only when every negative is a uniform draw of a plain user row', () => {
    const base = {
      negativeMix: { uniform: 1 },
      inBatchNegatives: 'none' as const,
      userAggregation: 0.75,
      userAggregationMode: 'export' as const,
    };
    expect(kernelDrawsUniform(base)).toBe(true);
    expect(kernelDrawsUniform({ ...base, negativeMix: { uniform: 1, popularity: 0 } })).toBe(true);
    expect(kernelDrawsUniform({ ...base, negativeMix: { uniform: 1, popularity: 1 } })).toBe(false);
    expect(kernelDrawsUniform({ ...base, negativeMix: { hardest: 1 } })).toBe(false);
    expect(kernelDrawsUniform({ ...base, inBatchNegatives: 'batch-all' })).toBe(false);
    expect(kernelDrawsUniform({ ...base, userAggregationMode: 'train' })).toBe(false);
  });
});
