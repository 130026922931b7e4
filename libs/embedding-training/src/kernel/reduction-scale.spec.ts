import { reductionScale } from './reduction-scale';

describe('reductionScale', () => {
  const example = { weight: 2, count: 4, active: 2, itemCount: 101 };

  it('mean divides the example weight among its triplets; sum does not', () => {
    expect(reductionScale({ ...example, reduction: 'mean' })).toBe(0.5);
    expect(reductionScale({ ...example, reduction: 'sum' })).toBe(2);
  });

  it('rank-weighted gives log(1 + rank estimate), spread over the active triplets', () => {
    // 2 of 4 sampled negatives violate: the positive ranks about 100 * 2 / 4 = 50th.
    expect(reductionScale({ ...example, reduction: 'rank-weighted' })).toBeCloseTo(
      (2 * Math.log(51)) / 2,
      12,
    );
    const worse = reductionScale({ ...example, active: 4, reduction: 'rank-weighted' });
    expect(worse * 4).toBeGreaterThan(2 * Math.log(51));
    expect(reductionScale({ ...example, active: 0, reduction: 'rank-weighted' })).toBe(0);
  });
});
