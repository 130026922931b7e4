/** Bounds that keep one event cheap to store and to train on; exceeding them is a validation error. */
export const EVENT_LIMITS = {
  maxIdLength: 256,
  maxShownItems: 200,
  maxBatchSize: 1000,
  /** Clock skew tolerated for client timestamps. */
  maxFutureSkewMs: 24 * 60 * 60 * 1000,
  earliestTimestamp: '2000-01-01T00:00:00Z',
  minRating: 0,
  maxRating: 10,
} as const;
