import { DomainError } from '@recsys/domain';

/** Which service an outage is of, in words fit for a client (never a host name or address). */
export type Dependency = 'the database' | 'the model store' | 'the event stream' | 'a dependency';

// Domain codes the adapters raise when their service cannot be reached or did not answer in time.
const OUTAGE_CODES: Readonly<Record<string, Dependency>> = {
  DEPENDENCY_UNAVAILABLE: 'a dependency',
  EVENT_STREAM_UNAVAILABLE: 'the event stream',
  EVENT_PUBLISH_FAILED: 'the event stream',
  EVENT_STREAM_CLOSED: 'the event stream',
  REALTIME_STORE_UNAVAILABLE: 'the model store',
  STORE_CLOSED: 'the model store',
};

// Node's socket errors: the peer refused, reset, or could not be reached or resolved.
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);
// SQLSTATE: class 08 (connection exception); 57P01-03 (server shutting down or starting); 53300 (too many
// connections).
const POSTGRES_OUTAGE = /^(08...|57P0[123]|53300)$/;
const PG_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|not queryable|Client was closed|Cannot use a pool after calling end/i;
const REDIS_MESSAGES =
  /Connection is closed|Command timed out|max retries per request|Stream isn't writeable/i;
const KAFKA_OUTAGE_ERRORS = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSNumberOfRetriesExceeded',
  'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound',
  'KafkaJSLockTimeout',
  'KafkaJSTimeout',
]);
const MAX_CAUSE_DEPTH = 5;

/**
 * Which dependency an error says is down (a connection refused, reset or timed out; a database shutting
 * down; a broker out of reach), or undefined for any other error. Looks through `cause`, `details.cause`
 * and TypeORM's `driverError`, since adapters wrap the driver's error.
 */
export function dependencyOutageOf(error: unknown): Dependency | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && isObject(current); depth++) {
    const found = classify(current);
    if (found !== undefined) return found;
    current =
      current.driverError ?? current.cause ?? (current.details as { cause?: unknown })?.cause;
  }
  return undefined;
}

function classify(error: Record<string, unknown>): Dependency | undefined {
  if (error instanceof DomainError) return OUTAGE_CODES[error.code];
  const name = typeof error.name === 'string' ? error.name : '';
  const code = typeof error.code === 'string' ? error.code : '';
  const message = typeof error.message === 'string' ? error.message : '';
  if (KAFKA_OUTAGE_ERRORS.has(name)) return 'the event stream';
  if (name === 'MaxRetriesPerRequestError' || REDIS_MESSAGES.test(message))
    return 'the model store';
  if (POSTGRES_OUTAGE.test(code) || PG_MESSAGES.test(message)) return 'the database';
  if (SOCKET_CODES.has(code)) return 'a dependency';
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
