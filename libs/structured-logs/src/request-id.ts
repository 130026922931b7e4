import { randomUUID } from 'node:crypto';

/** The header a request id comes in and goes back out on. */
export const REQUEST_ID_HEADER = 'x-request-id';

// An id a caller (a gateway, another service) may hand in: short, printable, no spaces or quotes, so it can
// neither flood a log line nor forge another field of it.
const ACCEPTED_ID = /^[A-Za-z0-9._:/+=-]{1,128}$/;

/** The caller's `X-Request-Id` when it is a sensible id, else a fresh UUID. */
export function requestIdOf(header: string | string[] | undefined): string {
  return typeof header === 'string' && ACCEPTED_ID.test(header) ? header : randomUUID();
}
