import { AliasTable } from './alias-table';
import { deriveSeed, SeededRandom } from './seeded-random';

describe('SeededRandom', () => {
  it('repeats its sequence for a seed and differs across seeds', () => {
    const a = new SeededRandom(1);
    const b = new SeededRandom(1);
    const c = new SeededRandom(2);
    const first = Array.from({ length: 8 }, () => a.nextUint32());
    expect(Array.from({ length: 8 }, () => b.nextUint32())).toEqual(first);
    expect(Array.from({ length: 8 }, () => c.nextUint32())).not.toEqual(first);
  });

  it('draws integers in range, uniformly enough', () => {
    const random = new SeededRandom(5);
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 20000; i++) counts[random.nextInt(10)]++;
    counts.forEach((count) => expect(count).toBeGreaterThan(1800));
    counts.forEach((count) => expect(count).toBeLessThan(2200));
  });

  it('draws standard normals', () => {
    const random = new SeededRandom(9);
    const values = Array.from({ length: 20000 }, () => random.nextNormal());
    const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
    const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / values.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });

  it('shuffles into a permutation', () => {
    const values = Int32Array.from({ length: 100 }, (_, i) => i);
    new SeededRandom(1).shuffle(values);
    expect([...values].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect([...values]).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('derives distinct seeds per stream', () => {
    const seeds = new Set([
      deriveSeed(1, 0),
      deriveSeed(1, 1),
      deriveSeed(1, 1, 0),
      deriveSeed(2, 0),
    ]);
    expect(seeds.size).toBe(4);
    expect(deriveSeed(1, 1)).toBe(deriveSeed(1, 1));
  });
});

describe('AliasTable', () => {
  it('draws indices in proportion to their weights', () => {
    const table = new AliasTable([1, 0, 3, 6]);
    const random = new SeededRandom(4);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 50000; i++) counts[table.sample(random)]++;
    expect(counts[1]).toBe(0);
    expect(counts[0] / 50000).toBeCloseTo(0.1, 1);
    expect(counts[2] / 50000).toBeCloseTo(0.3, 1);
    expect(counts[3] / 50000).toBeCloseTo(0.6, 1);
  });

  it('refuses an all-zero table', () => {
    expect(() => new AliasTable([0, 0])).toThrow(RangeError);
  });
});
