/**
 * Per-key token buckets: each key may send `ratePerSecond` requests per second on average and `burst`
 * at once. Time is passed in, so the limiter is exact in tests.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; updatedMs: number }>();

  constructor(
    private readonly options: { ratePerSecond: number; burst: number; maxKeys: number },
  ) {}

  /** Takes one token for `key`; returns 0 when allowed, or the milliseconds to wait before retrying. */
  take(key: string, nowMs: number): number {
    const { ratePerSecond, burst } = this.options;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      // Unknown keys are rejected before this point, so the map stays as small as the key list.
      if (this.buckets.size >= this.options.maxKeys) this.buckets.clear();
      bucket = { tokens: burst, updatedMs: nowMs };
      this.buckets.set(key, bucket);
    }
    bucket.tokens = Math.min(
      burst,
      bucket.tokens + ((nowMs - bucket.updatedMs) / 1000) * ratePerSecond,
    );
    bucket.updatedMs = nowMs;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - bucket.tokens) / ratePerSecond) * 1000);
  }
}
