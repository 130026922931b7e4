import { catalogueShapeOf, type CatalogueShape } from '../catalogue-defaults';
import { resolveTrainOptions } from '../resolve-train-options';
import { hitRateAtK } from '../testing/hit-rate-at-k';
import { plantedCopiesCase } from '../testing/planted-copies-case';
import { trainEmbeddings } from '../train-embeddings';
import type { TrainOptions } from '../train-options';
import { allocateTables, initializeTables } from '../kernel/training-tables';
import { createThreadTrainer } from '../kernel/create-thread-trainer';
import { ThreadTrainer } from '../kernel/thread-trainer';
import { userVisitThreadBytes, userVisitsApply } from './user-visits-apply';
import { UserVisitTrainer } from './user-visit-trainer';
import { likedItemSet } from '../data/liked-item-set';
import { SeededRandom } from '../random/seeded-random';

describe('userVisitsApply', () => {
  const large = resolveTrainOptions({}, { itemCount: 40_981, positivePairs: 810_128 });

  it('holds for the large-catalogue defaults', () => {
    expect(userVisitsApply(large)).toBe(true);
  });

  it('does not hold for the small-catalogue defaults (fresh candidates)', () => {
    expect(
      userVisitsApply(resolveTrainOptions({}, { itemCount: 1_682, positivePairs: 75_000 })),
    ).toBe(false);
  });

  it.each<[string, Partial<TrainOptions>]>([
    ['visitKernel off', { visitKernel: 'off' }],
    ['another loss', { loss: 'cosine-triplet' }],
    ['another optimiser', { optimizer: 'adagrad' }],
    ['another reduction', { negativeReduction: 'mean' }],
    ['top selection', { hardNegativeSelection: 'top' }],
    ['a popularity share', { negativeMix: { hardest: 1, popularity: 1 } }],
    ['semi-hard picks', { negativeMix: { 'semi-hard': 1 } }],
    ['the candidate block', { hardCandidateSource: 'block' }],
    ['candidate reuse', { hardCandidateReuse: 4 }],
    ['in-batch negatives', { inBatchNegatives: 'batch-all' }],
    ['L2', { l2: 0.001 }],
    ['a dim not a multiple of 16', { dim: 72 }],
    ['five negatives', { negativesPerPositive: 5 }],
    ['the tfjs engine', { engine: 'tfjs' }],
  ])('does not hold with %s', (_, change) => {
    expect(userVisitsApply({ ...large, ...change })).toBe(false);
  });

  it('holds with a uniform share beside the hardest picks, and with a dim of 128', () => {
    const mixed = { ...large, negativeMix: { hardest: 3, uniform: 1 } };
    expect(userVisitsApply(mixed)).toBe(true);
    expect(userVisitsApply({ ...large, dim: 128 })).toBe(true);
  });

  it('holds with soft picks (any hardNegativeTemperature >= 0)', () => {
    for (const hardNegativeTemperature of [0, 0.05, 10]) {
      const soft: TrainOptions = { ...large, hardNegativeTemperature };
      expect(userVisitsApply(soft)).toBe(true);
    }
  });
});

describe('hardNegativeTemperature', () => {
  const large = { itemCount: 40_981, positivePairs: 810_128 };

  it('is the soft picks of a large catalogue by default and taken as given where the whole-visit kernel trains', () => {
    expect(resolveTrainOptions({}, large).hardNegativeTemperature).toBe(0.05);
    expect(resolveTrainOptions({ hardNegativeTemperature: 0.2 }, large)).toMatchObject({
      hardNegativeTemperature: 0.2,
    });
  });

  it.each([-0.1, Number.NaN, Number.POSITIVE_INFINITY])('refuses %d', (hardNegativeTemperature) => {
    expect(() => resolveTrainOptions({ hardNegativeTemperature }, large)).toThrow(
      `hardNegativeTemperature=${hardNegativeTemperature}`,
    );
  });

  it.each<[string, Partial<TrainOptions>, CatalogueShape]>([
    ['visitKernel off', { visitKernel: 'off' }, large],
    [
      'the small-catalogue defaults (fresh candidates)',
      {},
      { itemCount: 1_682, positivePairs: 75_000 },
    ],
    ['the mean reduction', { negativeReduction: 'mean' }, large],
  ])(
    'refuses a temperature > 0 where the whole-visit kernel does not train: %s',
    (_, change, shape) => {
      const attempt = () => resolveTrainOptions({ ...change, hardNegativeTemperature: 0.1 }, shape);
      expect(attempt).toThrow('hardNegativeTemperature > 0 needs the whole-visit kernel');
      expect(() =>
        resolveTrainOptions({ ...change, hardNegativeTemperature: 0 }, shape),
      ).not.toThrow();
    },
  );
});

describe('UserVisitTrainer', () => {
  const { planted, options: base } = plantedCopiesCase();
  // The large-catalogue defaults' combination on the small planted catalogue: the mirror and the trained
  // mix (the fixture has explicit triplets too).
  const options: Partial<TrainOptions> = {
    ...base,
    hardCandidateSource: 'mirror',
    userAggregation: 0.6,
    userAggregationSlope: -1,
    userAggregationMode: 'train',
    margin: 0.4,
  };

  it('is the thread trainer for those options, and the composed one with visitKernel off', () => {
    const trainerFor = (change: Partial<TrainOptions>) => {
      const resolved = resolveTrainOptions(
        { ...options, ...change },
        catalogueShapeOf(planted.data),
      );
      const tables = allocateTables({ ...planted.data, options: resolved, shared: false });
      initializeTables(tables, { ...resolved, random: new SeededRandom(1) });
      return createThreadTrainer({ data: planted.data, tables, options: resolved, seed: 1 });
    };
    expect(trainerFor({})).toBeInstanceOf(UserVisitTrainer);
    expect(trainerFor({ visitKernel: 'off' })).toBeInstanceOf(ThreadTrainer);
  });

  it('places the data the threads read once, and each thread its own arrays', () => {
    const resolved = resolveTrainOptions(
      { ...options, threads: 2 },
      catalogueShapeOf(planted.data),
    );
    const tables = allocateTables({ ...planted.data, options: resolved, shared: true });
    const data = tables.visitData!;
    expect(data.pairCount).toBe(planted.data.positives.users.length);
    const buffer = tables.memory!.memory.buffer;
    expect([...new Int32Array(buffer, data.pairItems, data.pairCount)]).toEqual([
      ...planted.data.positives.items,
    ]);
    const claimedBefore = new Int32Array(buffer, 0, 1)[0];
    const trainers = [1, 2].map((seed) =>
      createThreadTrainer({ data: planted.data, tables, options: resolved, seed }),
    );
    const claimedByThreads = new Int32Array(buffer, 0, 1)[0] - claimedBefore;
    expect(trainers.every((trainer) => trainer instanceof UserVisitTrainer)).toBe(true);
    // Each thread claims its own arrays (context, scratch, mirror, work) and no copy of the data.
    const threadBytes = userVisitThreadBytes(resolved, planted.data.itemCount);
    expect(claimedByThreads).toBe(2 * threadBytes);
    const without = resolveTrainOptions(
      { ...options, visitKernel: 'off' },
      catalogueShapeOf(planted.data),
    );
    expect(allocateTables({ ...planted.data, options: without, shared: false }).visitData).toBe(
      null,
    );
  });

  it('trains whole visits in a worker too: the tables as a worker receives them (structured clone)', () => {
    const resolved = resolveTrainOptions(
      { ...options, threads: 2 },
      catalogueShapeOf(planted.data),
    );
    const tables = allocateTables({ ...planted.data, options: resolved, shared: true });
    const received = structuredClone({ tables, data: planted.data });
    const trainer = createThreadTrainer({ ...received, options: resolved, seed: 1 });
    expect(trainer).toBeInstanceOf(UserVisitTrainer);
  });

  it('refuses a visitKernel other than on or off, naming the choices', async () => {
    const attempt = trainEmbeddings(planted.data, { ...options, visitKernel: 'auto' as never });
    await expect(attempt).rejects.toMatchObject({
      code: 'INVALID_TRAIN_OPTIONS',
      details: { problems: ['visitKernel=auto (one of on, off)'] },
    });
  });

  it("sets the kernel's hard share from the warm-up schedule at each epoch", () => {
    const resolved = resolveTrainOptions(
      { ...options, negativeMix: { hardest: 3, uniform: 1 }, hardNegativeWarmupEpochs: 2 },
      catalogueShapeOf(planted.data),
    );
    const tables = allocateTables({ ...planted.data, options: resolved, shared: false });
    const trainer = createThreadTrainer({ data: planted.data, tables, options: resolved, seed: 1 });
    const shares = [0, 1, 2, 5].map((epoch) => {
      trainer.beginEpoch(epoch);
      return (trainer as UserVisitTrainer).hardShare;
    });
    // Hardest ramps from 0 to its weight, 3 / 4, over two epochs; uniform takes the rest.
    expect(shares.map((share) => Math.round(share * 1e6) / 1e6)).toEqual([0, 0.375, 0.75, 0.75]);
  });

  it.each([1, 2])('learns planted clusters far above chance with %i thread(s)', async (threads) => {
    const model = await trainEmbeddings(planted.data, { ...options, threads });
    // Chance is 10/400.
    expect(hitRateAtK(model, { ...planted, k: 10 })).toBeGreaterThan((5 * 10) / 400);
    // in workers too, each thread's trainer says which kernels it ran
    expect(model.path).toBe('user-visits');
  });

  it('reports a loss that falls, every pair as two triplets and every explicit one as one', async () => {
    const model = await trainEmbeddings(planted.data, { ...options, epochs: 6 });
    const pairs = planted.data.positives.users.length;
    const { users, negatives } = planted.data.explicitTriplets;
    const liked = likedItemSet(planted.data);
    const explicit = users.filter((user, t) => !liked.has(user, negatives[t])).length;
    const [first, , , , , last] = model.epochs;
    expect(last.meanLoss).toBeLessThan(first.meanLoss);
    // Two negatives per pair, each found (a user likes 10 of 400 items); an explicit negative the user
    // likes is dropped.
    expect(explicit).toBeGreaterThan(0);
    expect(last.triplets).toBe(2 * pairs + explicit);
  });

  it('is bit-reproducible in one thread, and not the composed path', async () => {
    const first = await trainEmbeddings(planted.data, { ...options, epochs: 4 });
    const second = await trainEmbeddings(planted.data, { ...options, epochs: 4 });
    expect(second.userVectors).toEqual(first.userVectors);
    expect(second.itemVectors).toEqual(first.itemVectors);
    const composed = await trainEmbeddings(planted.data, {
      ...options,
      epochs: 4,
      visitKernel: 'off',
    });
    expect(composed.itemVectors).not.toEqual(first.itemVectors);
    expect([first.path, composed.path]).toEqual(['user-visits', 'composed']);
  });

  it('trains soft picks (hardNegativeTemperature): bit-reproducibly, not as the hardest picks, and learns', async () => {
    const soft = { ...options, hardNegativeTemperature: 0.05 };
    const first = await trainEmbeddings(planted.data, soft);
    const second = await trainEmbeddings(planted.data, soft);
    expect(first.path).toBe('user-visits');
    expect(second.itemVectors).toEqual(first.itemVectors);
    const hardest = await trainEmbeddings(planted.data, options);
    expect(hardest.itemVectors).not.toEqual(first.itemVectors);
    // Chance is 10/400.
    expect(hitRateAtK(first, { ...planted, k: 10 })).toBeGreaterThan((5 * 10) / 400);
  });

  it('trains as well as the composed path on the planted clusters (mean of three seeds)', async () => {
    // One seed's hit rate moves by ~0.03 around 0.3 on either path; three seeds' mean by less.
    const meanHits = async (visitKernel: TrainOptions['visitKernel']) => {
      let sum = 0;
      for (const seed of [3, 4, 5]) {
        const model = await trainEmbeddings(planted.data, { ...options, seed, visitKernel });
        sum += hitRateAtK(model, { ...planted, k: 10 });
      }
      return sum / 3;
    };
    expect(await meanHits('on')).toBeGreaterThan(0.95 * (await meanHits('off')));
  });
});
