import type { LossName } from '../train-options';
import { tripletLossBatch } from './triplet-loss-batch';

/** One triplet in 2-D: a = (0, 0), p = (3, 4) so d(a, p) = 5, n = (0, 6) so d(a, n) = 6. */
const handTriplet = {
  anchor: Float32Array.of(0, 0),
  positive: Float32Array.of(3, 4),
  negative: Float32Array.of(0, 6),
  dim: 2,
};
const lossOf = (loss: LossName, margin: number, batch = handTriplet) =>
  tripletLossBatch(batch, { loss, margin, negativeWeight: 1 });

describe('triplet margin loss (Euclidean, not squared)', () => {
  it('is d(a, p) - d(a, n) + margin, hand-computed: 5 - 6 + 1.5 = 0.5', () => {
    const result = lossOf('triplet', 1.5);
    expect(result.losses[0]).toBeCloseTo(0.5, 6);
    // dL/da = (a - p)/5 - (a - n)/6; dL/dp = -(a - p)/5; dL/dn = (a - n)/6.
    expect([...result.gradAnchor]).toEqual([expect.closeTo(-0.6, 6), expect.closeTo(-0.8 + 1, 6)]);
    expect([...result.gradPositive]).toEqual([expect.closeTo(0.6, 6), expect.closeTo(0.8, 6)]);
    expect([...result.gradNegative]).toEqual([expect.closeTo(0, 6), expect.closeTo(-1, 6)]);
  });

  it('is zero, with zero gradients, when d(a, p) + margin < d(a, n)', () => {
    const result = lossOf('triplet', 0.9);
    expect(result.losses[0]).toBe(0);
    const grads = [...result.gradAnchor, ...result.gradPositive, ...result.gradNegative];
    expect(grads.every((value) => value === 0)).toBe(true);
  });

  it('compares the anchor with the positive and the negative, never with itself', () => {
    // The widely copied bug uses d(a, a) = 0 for the positive term: it would give 0 - 6 + 1.5 < 0 -> 0.
    expect(lossOf('triplet', 1.5).losses[0]).toBeGreaterThan(0);
    const moved = { ...handTriplet, positive: Float32Array.of(6, 8) };
    expect(lossOf('triplet', 1.5, moved).losses[0]).toBeCloseTo(10 - 6 + 1.5, 5);
  });
});

describe('the other losses, hand-computed on the same triplet', () => {
  it('squared-triplet: 25 - 36 + 12 = 1', () => {
    expect(lossOf('squared-triplet', 12).losses[0]).toBeCloseTo(1, 5);
    expect(lossOf('squared-triplet', 10).losses[0]).toBe(0);
  });

  it('cosine-triplet: cos(a2, n) - cos(a2, p) + margin with a2 = (1, 1)', () => {
    const batch = { ...handTriplet, anchor: Float32Array.of(1, 1) };
    const cosP = 7 / (Math.SQRT2 * 5);
    const cosN = 6 / (Math.SQRT2 * 6);
    expect(lossOf('cosine-triplet', 0.5, batch).losses[0]).toBeCloseTo(cosN - cosP + 0.5, 6);
    expect(lossOf('cosine-triplet', 0.2, batch).losses[0]).toBe(0);
  });

  it('soft-margin: softplus(5 - 6 + 0) = log(1 + e^-1)', () => {
    expect(lossOf('soft-margin', 0).losses[0]).toBeCloseTo(Math.log1p(Math.exp(-1)), 6);
  });

  it('bpr: -log sigmoid(a.p - a.n) with a2 = (1, 1): -log sigmoid(7 - 6)', () => {
    const batch = { ...handTriplet, anchor: Float32Array.of(1, 1) };
    expect(lossOf('bpr', 0, batch).losses[0]).toBeCloseTo(-Math.log(1 / (1 + Math.exp(-1))), 6);
  });

  it('cosine-contrastive: (1 - cos(a2, p)) + w * max(cos(a2, n) - margin, 0)', () => {
    const batch = { ...handTriplet, anchor: Float32Array.of(1, 1) };
    const result = tripletLossBatch(batch, {
      loss: 'cosine-contrastive',
      margin: 0.5,
      negativeWeight: 2,
    });
    const cosP = 7 / (Math.SQRT2 * 5);
    const cosN = 6 / (Math.SQRT2 * 6);
    expect(result.losses[0]).toBeCloseTo(1 - cosP + 2 * (cosN - 0.5), 6);
  });
});
