// Popularity in log space. A liked event at time t adds weight * 2^((t - epoch) / halfLife) to its item;
// stored as a natural log, ln(weight) + (t - epoch) * ln2 / halfLife, so the value grows linearly with
// time instead of exponentially: a 1-hour half-life stays finite for millions of years, where the raw
// sum would overflow a double (2^1024) after 1,024 half-lives (43 days at a 1-hour half-life). Decay is
// the same factor for every item, so the order of stored scores is the order of popularity at any time
// and stored scores never need rewriting.

/** The fixed origin of popularity scores: 2026-01-01T00:00:00Z. */
export const POPULARITY_EPOCH_MS = Date.UTC(2026, 0, 1);

/** ln of what one liked event adds to its item (weight > 0). */
export function logPopularityIncrement(options: {
  weight: number;
  eventTimeMs: number;
  halfLifeMs: number;
}): number {
  const halfLives = (options.eventTimeMs - POPULARITY_EPOCH_MS) / options.halfLifeMs;
  return Math.log(options.weight) + halfLives * Math.LN2;
}

/** ln(e^a + e^b), computed without overflow or underflow. */
export function addLogScores(a: number, b: number): number {
  const high = Math.max(a, b);
  return high + Math.log1p(Math.exp(Math.min(a, b) - high));
}

/** The popularity a stored log score means at `nowMs`: the sum of weights, each decayed to now. */
export function decayedPopularity(
  logScore: number,
  options: { nowMs: number; halfLifeMs: number },
): number {
  const halfLives = (options.nowMs - POPULARITY_EPOCH_MS) / options.halfLifeMs;
  return Math.exp(logScore - halfLives * Math.LN2);
}
