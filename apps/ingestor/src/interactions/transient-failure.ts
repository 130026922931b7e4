import { DomainError } from '@recsys/domain';

// Socket errors that reach the ingestor unwrapped (a driver that did not classify its own failure).
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH']);

/**
 * Whether a failure is about the infrastructure, not the messages: a store that cannot be reached
 * (the adapters report `*_UNAVAILABLE`), or a dead-letter topic that did not acknowledge. Such a batch is
 * retried whole after a back-off and nothing in it is dead-lettered; any other failure that repeats is
 * blamed on the messages, which are then isolated (see isolateFailures).
 */
export function isTransientFailure(error: unknown): boolean {
  if (error instanceof DomainError) {
    return error.code.endsWith('_UNAVAILABLE') || error.code === 'DEAD_LETTER_SEND_FAILED';
  }
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && NETWORK_CODES.has(code);
}
