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
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  MODEL_NOT_READY: 503,
  EVENT_STREAM_UNAVAILABLE: 503,
  NOT_READY: 503,
};
