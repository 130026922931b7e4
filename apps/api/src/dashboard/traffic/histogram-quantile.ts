// Pure: a quantile estimated from a Prometheus histogram's cumulative buckets, as PromQL's
// histogram_quantile does (linear within the bucket that holds it).

/** One cumulative bucket: `count` observations were <= `le` (Infinity for the last one). */
export interface CumulativeBucket {
  le: number;
  count: number;
}

/**
 * The `q`-quantile (0..1) of the observations counted in `buckets` (any order), or null with none. A
 * quantile in the +Inf bucket answers the largest finite bound (the histogram knows no more).
 */
export function histogramQuantile(q: number, buckets: readonly CumulativeBucket[]): number | null {
  const sorted = [...buckets].sort((a, b) => a.le - b.le);
  const total = sorted.at(-1)?.count ?? 0;
  if (total === 0) return null;
  const rank = q * total;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const { le, count } of sorted) {
    if (count >= rank) {
      if (le === Infinity) return lowerBound;
      const inBucket = count - lowerCount;
      return inBucket === 0
        ? le
        : lowerBound + ((le - lowerBound) * (rank - lowerCount)) / inBucket;
    }
    lowerBound = le;
    lowerCount = count;
  }
  return lowerBound;
}
