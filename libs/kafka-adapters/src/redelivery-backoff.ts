/** How long to wait before redelivering a batch whose handler rejected. */
export interface RedeliveryBackoff {
  /** Wait after the first rejection. */
  initialMs: number;
  /** Upper bound; the wait doubles per consecutive rejection until it reaches this. */
  maxMs: number;
}

export const DEFAULT_REDELIVERY_BACKOFF: RedeliveryBackoff = { initialMs: 500, maxMs: 30_000 };

/** The wait before redelivery after the `attempt`-th consecutive rejection (1-based): doubling, capped. */
export function redeliveryDelayMs(attempt: number, backoff: RedeliveryBackoff): number {
  const exponent = Math.max(0, Math.floor(attempt) - 1);
  return Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.min(exponent, 30));
}
