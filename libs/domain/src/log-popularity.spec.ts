import {
  addLogScores,
  decayedPopularity,
  logPopularityIncrement,
  POPULARITY_EPOCH_MS,
} from './log-popularity';

const HOUR_MS = 60 * 60 * 1000;

describe('log-space popularity', () => {
  it('puts the epoch at 2026-01-01T00:00:00Z', () => {
    expect(new Date(POPULARITY_EPOCH_MS).toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('stores ln(weight * 2^halfLives): weight 2 one half-life after the epoch is ln 4', () => {
    const stored = logPopularityIncrement({
      weight: 2,
      eventTimeMs: POPULARITY_EPOCH_MS + HOUR_MS,
      halfLifeMs: HOUR_MS,
    });
    expect(stored).toBeCloseTo(Math.log(4), 12);
  });

  it('adds scores like ln(e^a + e^b), also where e^a would overflow', () => {
    expect(addLogScores(Math.log(3), Math.log(5))).toBeCloseTo(Math.log(8), 12);
    expect(addLogScores(10_000, 10_000)).toBeCloseTo(10_000 + Math.LN2, 9);
    expect(addLogScores(10_000, -10_000)).toBe(10_000);
  });

  it('decays to now: an event is worth its weight at its own time and half one half-life later', () => {
    const halfLifeMs = HOUR_MS;
    const eventTimeMs = POPULARITY_EPOCH_MS + 5 * HOUR_MS;
    const stored = logPopularityIncrement({ weight: 3, eventTimeMs, halfLifeMs });
    expect(decayedPopularity(stored, { nowMs: eventTimeMs, halfLifeMs })).toBeCloseTo(3, 9);
    expect(decayedPopularity(stored, { nowMs: eventTimeMs + HOUR_MS, halfLifeMs })).toBeCloseTo(
      1.5,
      9,
    );
  });

  it('stays finite a thousand years out at a one-hour half-life (the raw sum overflows in 43 days)', () => {
    const eventTimeMs = POPULARITY_EPOCH_MS + 1000 * 365 * 24 * HOUR_MS;
    const stored = logPopularityIncrement({ weight: 1, eventTimeMs, halfLifeMs: HOUR_MS });
    expect(Number.isFinite(stored)).toBe(true);
    expect(Number.isFinite(2 ** ((eventTimeMs - POPULARITY_EPOCH_MS) / HOUR_MS))).toBe(false);
    expect(decayedPopularity(stored, { nowMs: eventTimeMs, halfLifeMs: HOUR_MS })).toBeCloseTo(
      1,
      6,
    );
  });
});
