import { ID_MAX_LENGTH } from '@recsys/input-rules';

/** Bounds that keep one event cheap to store and to train on; exceeding them is a validation error. */
export const EVENT_LIMITS = {
  maxIdLength: ID_MAX_LENGTH,
  maxShownItems: 200,
  maxBatchSize: 1000,
  /** Clock skew tolerated for client timestamps (the only bound besides what PostgreSQL can store). */
  maxFutureSkewMs: 24 * 60 * 60 * 1000,
  /**
   * The earliest instant the event log stores as written: PostgreSQL's timestamptz reaches back to 4713 BC,
   * but ISO-8601 year 0000 (1 BC) is rejected by its input parser. Histories of any era (MovieLens, 1997)
   * import.
   */
  earliestTimestamp: '0001-01-01T00:00:00Z',
  minRating: 0,
  maxRating: 10,
} as const;
