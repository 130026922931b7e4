import { catalogueDefaults, softPickDefaults } from './catalogue-defaults';
import { resolveTrainOptions } from './resolve-train-options';
import type { TrainOptions } from './train-options';

/** A catalogue liked no more densely than the data W was tuned on (10 pairs per item). */
const sparse = (itemCount: number) => ({ itemCount, positivePairs: 10 * itemCount });

describe('catalogueDefaults', () => {
  it('samples about uniformly in a catalogue of a few hundred items', () => {
    expect(catalogueDefaults(sparse(100))).toEqual({
      margin: 0.35,
      hardNegativeCandidates: 1,
      negativesPerPositive: 4,
      learningRate: 0.075,
      userAggregation: 0,
      userAggregationSlope: 0,
      userAggregationMode: 'export',
      hardCandidateSource: 'fresh',
    });
  });

  it('picks hardest of 8 with a smaller margin for MovieLens-100K, two hardest of 128 at a higher rate for Gowalla', () => {
    expect(catalogueDefaults(sparse(1682))).toEqual({
      margin: 0.35,
      hardNegativeCandidates: 8,
      negativesPerPositive: 4,
      learningRate: 0.075,
      userAggregation: 0,
      userAggregationSlope: 0,
      userAggregationMode: 'export',
      hardCandidateSource: 'fresh',
    });
    expect(catalogueDefaults(sparse(40_981))).toEqual({
      margin: 0.4,
      hardNegativeCandidates: 128,
      negativesPerPositive: 2,
      learningRate: expect.closeTo(0.15, 12),
      userAggregation: 0.6,
      userAggregationSlope: -1,
      userAggregationMode: 'train',
      hardCandidateSource: 'mirror',
    });
  });

  it('grows W and the rate with the catalogue and keeps W x negatives within the budget', () => {
    const sizes = [1, 50, 400, 2_000, 8_000, 9_000, 12_000, 25_000, 60_000, 1_000_000];
    const chosen = sizes.map((itemCount) => catalogueDefaults(sparse(itemCount)));
    for (let i = 1; i < chosen.length; i++) {
      expect(chosen[i].hardNegativeCandidates).toBeGreaterThanOrEqual(
        chosen[i - 1].hardNegativeCandidates,
      );
      expect(chosen[i].learningRate).toBeGreaterThanOrEqual(chosen[i - 1].learningRate);
    }
    for (const defaults of chosen) {
      expect(defaults.hardNegativeCandidates * defaults.negativesPerPositive).toBeLessThanOrEqual(
        256,
      );
      expect(defaults.negativesPerPositive).toBeGreaterThanOrEqual(1);
    }
  });

  it("raises W with the density of likes from the 20% carve's up to 192, keeping the cap's two negatives", () => {
    const gowalla = (positivePairs: number) =>
      catalogueDefaults({ itemCount: 40_981, positivePairs });
    const picks = (positivePairs: number) => {
      const chosen = gowalla(positivePairs);
      return [chosen.hardNegativeCandidates, chosen.negativesPerPositive];
    };
    // The 20% carve of train.txt (15.8 pairs per item), the 10% carve (17.8), all of train.txt (19.8), 4x.
    expect([647_063, 729_660, 810_128, 3_240_000].map(picks)).toEqual([
      [128, 2],
      [159, 2],
      [192, 2],
      [192, 2],
    ]);
    // Only W moves: the rest of the Gowalla defaults are the carve's.
    const { hardNegativeCandidates, ...rest } = gowalla(810_128);
    const { hardNegativeCandidates: tuned, ...carveRest } = gowalla(647_063);
    expect(rest).toEqual(carveRest);
    expect([tuned, hardNegativeCandidates]).toEqual([128, 192]);
  });

  it('leaves catalogues whose W stays under the cap alone, however densely liked', () => {
    for (const itemCount of [100, 1_682, 20_000]) {
      expect(catalogueDefaults({ itemCount, positivePairs: 200 * itemCount })).toEqual(
        catalogueDefaults(sparse(itemCount)),
      );
    }
    expect(catalogueDefaults({ itemCount: 1_682, positivePairs: 75_000 })).toMatchObject({
      hardNegativeCandidates: 8,
      negativesPerPositive: 4,
    });
    // No items, no density: the sparse defaults.
    expect(catalogueDefaults({ itemCount: 0, positivePairs: 5 })).toEqual(
      catalogueDefaults(sparse(0)),
    );
  });

  it('keeps the tuned cap for a pair count that is not a positive number', () => {
    for (const positivePairs of [Number.NaN, -5, 0]) {
      expect(catalogueDefaults({ itemCount: 40_981, positivePairs }).hardNegativeCandidates).toBe(
        128,
      );
    }
  });

  it('grows W with the density and never scores more than 1.5x the budget', () => {
    const densities = [0, 10, 15.8, 16, 17, 18, 19, 20, 25, 100];
    const chosen = densities.map((perItem) =>
      catalogueDefaults({ itemCount: 60_000, positivePairs: perItem * 60_000 }),
    );
    for (let i = 1; i < chosen.length; i++) {
      expect(chosen[i].hardNegativeCandidates).toBeGreaterThanOrEqual(
        chosen[i - 1].hardNegativeCandidates,
      );
    }
    for (const defaults of chosen) {
      expect(defaults.hardNegativeCandidates * defaults.negativesPerPositive).toBeLessThanOrEqual(
        1.5 * 256,
      );
    }
  });

  it('switches the margin at 10,000 items', () => {
    const margin = (itemCount: number) => catalogueDefaults(sparse(itemCount)).margin;
    expect([1, 9_999, 10_000, 1_000_000].map(margin)).toEqual([0.35, 0.35, 0.4, 0.4]);
  });

  it('switches every size rule at the same catalogue size: the mix, copied candidates, the margin, the rate', () => {
    const small = catalogueDefaults(sparse(9_999));
    const large = catalogueDefaults(sparse(10_000));
    expect([small.userAggregationMode, large.userAggregationMode]).toEqual(['export', 'train']);
    expect([small.userAggregation, large.userAggregation]).toEqual([0, 0.6]);
    expect([small.hardCandidateSource, large.hardCandidateSource]).toEqual(['fresh', 'mirror']);
    expect([small.margin, large.margin]).toEqual([0.35, 0.4]);
    // The rate starts rising from there: flat below, 0.075 x sqrt(itemCount / 10,000) above.
    expect(small.learningRate).toBe(catalogueDefaults(sparse(100)).learningRate);
    expect(large.learningRate).toBeCloseTo(0.075, 12);
    expect(catalogueDefaults(sparse(22_500)).learningRate).toBeCloseTo(0.075 * 1.5, 12);
  });

  it('scores copies from the mirror in large catalogues, from the block past a million items', () => {
    const source = (itemCount: number) => catalogueDefaults(sparse(itemCount)).hardCandidateSource;
    expect([9_999, 10_000, 1_000_000, 1_000_001].map(source)).toEqual([
      'fresh',
      'mirror',
      'mirror',
      'block',
    ]);
  });
});

describe('resolveTrainOptions', () => {
  it('fills omitted options with the catalogue defaults; given ones win', () => {
    const resolved = resolveTrainOptions({ learningRate: 0.02 }, sparse(40_981));
    expect(resolved.hardNegativeCandidates).toBe(320);
    expect(resolved.hardNegativeTemperature).toBe(0.05);
    expect(resolved.negativesPerPositive).toBe(3);
    expect(resolved.learningRate).toBe(0.02);
    expect(resolved.negativeMix).toEqual({ hardest: 1 });
    expect(resolved.negativeReduction).toBe('rank-weighted');
    const given = resolveTrainOptions(
      { hardNegativeCandidates: 16, negativesPerPositive: 3 },
      sparse(40_981),
    );
    expect([given.hardNegativeCandidates, given.negativesPerPositive]).toEqual([16, 3]);
  });

  it('takes soft picks (t 0.05 of 2.5 times the tuned W, three negatives) where the whole-visit kernel trains a large catalogue', () => {
    const shape = sparse(40_981);
    const resolve = (partial: Partial<TrainOptions>) => {
      const { hardNegativeTemperature, hardNegativeCandidates, negativesPerPositive } =
        resolveTrainOptions(partial, shape);
      return [hardNegativeTemperature, hardNegativeCandidates, negativesPerPositive];
    };
    expect(softPickDefaults(shape)).toEqual({
      hardNegativeTemperature: 0.05,
      hardNegativeCandidates: 320,
      negativesPerPositive: 3,
    });
    expect(resolve({})).toEqual([0.05, 320, 3]);
    // a given t > 0, W or K is kept (the default t named trains as when left out); t 0 is the hardest of
    // the catalogue's W with its two negatives
    expect(resolve({ hardNegativeCandidates: 100 })).toEqual([0.05, 100, 3]);
    expect(resolve({ negativesPerPositive: 1 })).toEqual([0.05, 320, 1]);
    expect(resolve({ hardNegativeTemperature: 0.05 })).toEqual(resolve({}));
    expect(resolve({ hardNegativeTemperature: 0.1 })).toEqual([0.1, 320, 3]);
    expect(resolve({ hardNegativeTemperature: 0.1, negativesPerPositive: 2 })).toEqual([
      0.1, 320, 2,
    ]);
    expect(resolve({ hardNegativeTemperature: 0 })).toEqual([0, 128, 2]);
    expect(resolve({ hardNegativeTemperature: 0, hardNegativeCandidates: 64 })).toEqual([0, 64, 2]);
    // where the composed kernels train (they draw no soft picks): the hardest of the catalogue's W
    expect(resolve({ visitKernel: 'off' })).toEqual([0, 128, 2]);
    expect(resolve({ loss: 'soft-margin' })).toEqual([0, 128, 2]);
    // a given t > 0 there is refused (only the whole-visit kernel draws soft picks)
    expect(() => resolve({ visitKernel: 'off', hardNegativeTemperature: 0.05 })).toThrow(
      /hardNegativeTemperature > 0 needs the whole-visit kernel/,
    );
    // small catalogues: none
    expect(softPickDefaults(sparse(9_999))).toBeNull();
    expect(resolveTrainOptions({}, sparse(1_682)).hardNegativeTemperature).toBe(0);
    // a dense large catalogue: 2.5 times the tuned 128, not the density-raised W
    const dense = { itemCount: 40_981, positivePairs: 40_981 * 20 };
    expect(resolveTrainOptions({}, dense).hardNegativeCandidates).toBe(320);
    // W 2.5 times a tuned W that is odd is rounded (10,200 items: tuned 51)
    expect(softPickDefaults(sparse(10_200))?.hardNegativeCandidates).toBe(128);
    expect(resolveTrainOptions({ hardNegativeTemperature: 0 }, dense).hardNegativeCandidates).toBe(
      192,
    );
  });

  it('keeps the mean reduction for losses whose every negative is active, unless one is given', () => {
    const shape = sparse(40_981);
    const reduction = (partial: Partial<TrainOptions>) =>
      resolveTrainOptions(partial, shape).negativeReduction;
    expect([reduction({ loss: 'bpr' }), reduction({ loss: 'soft-margin' })]).toEqual([
      'mean',
      'mean',
    ]);
    expect(reduction({ loss: 'cosine-contrastive' })).toBe('rank-weighted');
    expect(reduction({ loss: 'bpr', negativeReduction: 'rank-weighted' })).toBe('rank-weighted');
  });

  it('refuses the softmax reduction without a hinge loss or off the kernel, and top selection with a pool', () => {
    const shape = sparse(40_981);
    expect(() => resolveTrainOptions({ loss: 'bpr', negativeReduction: 'softmax' }, shape)).toThrow(/softmax needs a hinge loss/); // prettier-ignore
    expect(() => resolveTrainOptions({ loss: 'cosine-contrastive', negativeReduction: 'softmax' }, shape)).toThrow(/softmax needs a hinge loss/); // prettier-ignore
    expect(() => resolveTrainOptions({ negativeReduction: 'softmax', engine: 'tfjs' }, shape)).toThrow(/softmax needs the kernel/); // prettier-ignore
    expect(() => resolveTrainOptions({ hardNegativeSelection: 'top', hardCandidateReuse: 4 }, shape)).toThrow(/top needs hardCandidateReuse 1/); // prettier-ignore
    expect(() => resolveTrainOptions({ softmaxTemperature: 0 }, shape)).toThrow(
      /softmaxTemperature=0/,
    );
    const chosen = { loss: 'cosine-triplet' as const, negativeReduction: 'softmax' as const };
    expect(resolveTrainOptions(chosen, shape).negativeReduction).toBe('softmax');
  });

  it('refuses a mix slope outside [-4, 4]', () => {
    expect(() => resolveTrainOptions({ userAggregationSlope: -5 }, sparse(10))).toThrow(/userAggregationSlope=-5/); // prettier-ignore
    expect(resolveTrainOptions({ userAggregationSlope: 4 }, sparse(10)).userAggregationSlope).toBe(4); // prettier-ignore
  });

  it('lists every bad option at once', () => {
    expect(() => resolveTrainOptions({ dim: 0, loss: 'nope' as 'bpr' }, sparse(10))).toThrow(
      /dim=0.*loss=nope/,
    );
  });
});
