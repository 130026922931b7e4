/** One reading of the event log's size. */
export interface CountSample {
  /** performance.now() of the reading. */
  atMs: number;
  count: number;
}

export interface SustainedRate {
  /** Events/s over the window. */
  eventsPerSecond: number;
  windowSeconds: number;
  /** The slowest `stepSeconds`-long stretch inside the window, events/s. */
  slowestStepEventsPerSecond: number;
}

/**
 * The rate between the first sample `warmUpSeconds` after ingestion began (count > 0) and the last sample
 * before the backlog was drained (count reached `total`): the steady state, without start-up and tail.
 */
export function sustainedRate(
  samples: readonly CountSample[],
  options: { total: number; warmUpSeconds: number; stepSeconds: number },
): SustainedRate | null {
  const begun = samples.find((s) => s.count > 0);
  if (!begun) return null;
  const from = samples.find((s) => s.atMs >= begun.atMs + options.warmUpSeconds * 1000);
  const draining = samples.filter((s) => s.count < options.total);
  const to = draining[draining.length - 1];
  if (!from || !to || to.atMs <= from.atMs) return null;
  const window = samples.filter((s) => s.atMs >= from.atMs && s.atMs <= to.atMs);
  let slowest = Infinity;
  for (let i = 0, j = 0; i < window.length; i++) {
    while (j < window.length && window[j].atMs - window[i].atMs < options.stepSeconds * 1000) j++;
    if (j === window.length) break;
    slowest = Math.min(slowest, rateBetween(window[i], window[j]));
  }
  return {
    eventsPerSecond: rateBetween(from, to),
    windowSeconds: (to.atMs - from.atMs) / 1000,
    slowestStepEventsPerSecond: Number.isFinite(slowest) ? slowest : rateBetween(from, to),
  };
}

function rateBetween(a: CountSample, b: CountSample): number {
  return (b.count - a.count) / ((b.atMs - a.atMs) / 1000);
}
