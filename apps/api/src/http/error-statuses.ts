/** HTTP status of each domain error code; any other code is a 500. The one place codes meet HTTP. */
export const ERROR_STATUSES: Readonly<Record<string, number>> = {
  INVALID_EVENT: 400,
  INVALID_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  JOB_NOT_FOUND: 404,
  MODEL_NOT_FOUND: 404,
  ITEM_NOT_FOUND: 404,
  NOT_FOUND: 404,
  MODEL_VERSION_EXISTS: 409,
  JOB_ALREADY_FINISHED: 409,
  PAYLOAD_TOO_LARGE: 413,
  EVENT_TOO_LARGE: 413,
  URI_TOO_LONG: 414,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  MODEL_NOT_READY: 503,
  NOT_READY: 503,
  DEPENDENCY_UNAVAILABLE: 503,
  EVENT_STREAM_UNAVAILABLE: 503,
  EVENT_PUBLISH_FAILED: 503,
  EVENT_STREAM_CLOSED: 503,
  REALTIME_STORE_UNAVAILABLE: 503,
  STORE_CLOSED: 503,
};

/** The code of an error answer that has no domain code of its own (framework and HTTP errors). */
export function codeForStatus(status: number): string {
  if (status === 404) return 'NOT_FOUND';
  if (status === 405) return 'METHOD_NOT_ALLOWED';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 414) return 'URI_TOO_LONG';
  if (status === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 503) return 'DEPENDENCY_UNAVAILABLE';
  if (status >= 500) return 'INTERNAL';
  return 'INVALID_REQUEST';
}

/**
 * Seconds a client is told to wait (`Retry-After`) before retrying a 503: about how long a reconnect of
 * the database, Redis or Kafka client takes to be tried again.
 */
export const RETRY_AFTER_SECONDS = 5;
