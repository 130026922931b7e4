import { TokenBuckets } from './token-bucket';

describe('TokenBuckets', () => {
  it('allows a burst, then the sustained rate, per key', () => {
    const buckets = new TokenBuckets({ ratePerSecond: 2, burst: 3, maxKeys: 10 });
    expect([0, 0, 0].map(() => buckets.take('k', 1000))).toEqual([0, 0, 0]);
    expect(buckets.take('k', 1000)).toBe(500);
    expect(buckets.take('other', 1000)).toBe(0);
    expect(buckets.take('k', 1500)).toBe(0);
    expect(buckets.take('k', 1500)).toBe(500);
  });
});
