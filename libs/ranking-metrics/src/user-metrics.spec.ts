import { userMetricsAtK } from './user-metrics';

describe('userMetricsAtK', () => {
  it('matches values computed by hand', () => {
    // Hits at ranks 1 and 3 (0-based) of 4; three relevant items.
    const metrics = userMetricsAtK(Int32Array.of(3, 1, 7, 5), Int32Array.of(1, 5, 9), 4);
    const dcg = 1 / Math.log2(3) + 1 / Math.log2(5);
    const idcg = 1 + 1 / Math.log2(3) + 1 / Math.log2(4);
    expect(metrics.hits).toBe(2);
    expect(metrics.recall).toBeCloseTo(2 / 3, 12);
    expect(metrics.precision).toBeCloseTo(0.5, 12);
    expect(metrics.ndcg).toBeCloseTo(dcg / idcg, 12);
    expect(metrics.ndcg).toBeCloseTo(0.498188, 5);
    expect(metrics.averagePrecision).toBeCloseTo((1 / 2 + 2 / 4) / 3, 12);
  });

  it('gives 1 for a perfect list and 0 for a list without hits', () => {
    const perfect = userMetricsAtK(Int32Array.of(4, 2), Int32Array.of(2, 4, 8), 2);
    expect(perfect.ndcg).toBeCloseTo(1, 12);
    expect(perfect.averagePrecision).toBeCloseTo(1, 12);
    expect(perfect.recall).toBeCloseTo(2 / 3, 12);
    const miss = userMetricsAtK(Int32Array.of(0, 1), Int32Array.of(2), 2);
    expect(miss).toEqual({ hits: 0, recall: 0, precision: 0, ndcg: 0, averagePrecision: 0 });
  });

  it('ignores empty slots and normalises MAP by min(K, |relevant|)', () => {
    const metrics = userMetricsAtK(Int32Array.of(-1, 6, -1), Int32Array.of(6), 3);
    expect(metrics.hits).toBe(1);
    expect(metrics.precision).toBeCloseTo(1 / 3, 12);
    expect(metrics.ndcg).toBeCloseTo(1 / Math.log2(3), 12);
    expect(metrics.averagePrecision).toBeCloseTo(1 / 2, 12);
  });
});
