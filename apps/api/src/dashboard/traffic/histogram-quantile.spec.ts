import { histogramQuantile } from './histogram-quantile';

describe('histogramQuantile', () => {
  const buckets = [
    { le: 0.01, count: 50 },
    { le: 0.1, count: 90 },
    { le: 1, count: 100 },
    { le: Infinity, count: 100 },
  ];

  it('interpolates linearly inside the bucket holding the quantile', () => {
    expect(histogramQuantile(0.5, buckets)).toBeCloseTo(0.01, 10);
    expect(histogramQuantile(0.25, buckets)).toBeCloseTo(0.005, 10);
    expect(histogramQuantile(0.7, buckets)).toBeCloseTo(0.01 + 0.09 * 0.5, 10);
    expect(histogramQuantile(0.95, [...buckets].reverse())).toBeCloseTo(0.1 + 0.9 * 0.5, 10);
  });

  it('answers the largest finite bound for a quantile above it, and null without observations', () => {
    expect(
      histogramQuantile(0.99, [
        { le: 0.5, count: 1 },
        { le: Infinity, count: 10 },
      ]),
    ).toBe(0.5);
    expect(histogramQuantile(0.5, [{ le: Infinity, count: 0 }])).toBeNull();
    expect(histogramQuantile(0.5, [])).toBeNull();
  });
});
