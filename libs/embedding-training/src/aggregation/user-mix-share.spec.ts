import { USER_MIX_PIVOT, userMixShare } from './user-mix-share';

describe('userMixShare', () => {
  it('is g for every liked count without a slope, and at the pivot with one', () => {
    for (const count of [1, 5, 20, 300])
      expect(userMixShare({ share: 0.6, slope: 0 }, count)).toBe(0.6);
    expect(userMixShare({ share: 0.6, slope: -1 }, USER_MIX_PIVOT)).toBeCloseTo(0.6, 12);
  });

  it('at slope -1 is the shrinkage c / (c + k), c = 20 g / (1 - g)', () => {
    const c = (20 * 0.6) / 0.4;
    for (const count of [1, 7, 20, 90, 1000])
      expect(userMixShare({ share: 0.6, slope: -1 }, count)).toBeCloseTo(c / (c + count), 12);
  });

  it('falls with the liked count under a negative slope and rises under a positive one', () => {
    const counts = [1, 2, 10, 40, 400];
    const falling = counts.map((count) => userMixShare({ share: 0.5, slope: -0.5 }, count));
    const rising = counts.map((count) => userMixShare({ share: 0.5, slope: 0.5 }, count));
    falling.slice(1).forEach((g, i) => expect(g).toBeLessThan(falling[i]));
    rising.slice(1).forEach((g, i) => expect(g).toBeGreaterThan(rising[i]));
  });

  it('keeps 0 and 1 as they are (no mix, or the mean alone) and users without liked items', () => {
    expect(userMixShare({ share: 0, slope: -1 }, 5)).toBe(0);
    expect(userMixShare({ share: 1, slope: -1 }, 5)).toBe(1);
    expect(userMixShare({ share: 0.6, slope: -1 }, 0)).toBe(0.6);
  });
});
