import { DomainError } from '@recsys/domain';

/** Code of a storage call that failed because the database could not be reached or is overloaded. */
export const STORAGE_UNAVAILABLE = 'STORAGE_UNAVAILABLE';

// Socket errors of node and of the pg driver: the server is not there (yet), or the connection broke.
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
// SQLSTATE classes: 08 connection exception, 53 insufficient resources, 57 operator intervention (shutdown,
// cannot connect now), 58 system error (I/O); and the retryable conflicts of concurrent transactions.
const TRANSIENT_SQLSTATE_CLASSES = ['08', '53', '57', '58'];
const TRANSIENT_SQLSTATES = new Set(['40001', '40P01', '55P03']);
// pg and pg-pool report a lost or impossible connection with these texts and no code.
const CONNECTION_MESSAGE =
  /connection terminated|connection ended|timeout exceeded when trying to connect|connection error|not queryable|pool after calling end|server closed the connection/i;

/**
 * Whether a database call failed for a reason that goes away by itself (the server is down, restarting,
 * overloaded, or a transaction lost a race): retry it. Anything else (a data exception, a constraint, a
 * bug) fails the same way on every attempt.
 */
export function isUnavailableError(error: unknown): boolean {
  if (error instanceof DomainError) return error.code === STORAGE_UNAVAILABLE;
  // Not `instanceof Error`: socket errors are made by node core, in another realm than code run by jest.
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code) || TRANSIENT_SQLSTATES.has(code)) return true;
    if (code.length === 5 && TRANSIENT_SQLSTATE_CLASSES.includes(code.slice(0, 2))) return true;
  }
  const cause = (error as { cause?: unknown }).cause;
  if (cause !== undefined && cause !== error && isUnavailableError(cause)) return true;
  return typeof message === 'string' && CONNECTION_MESSAGE.test(message);
}

/**
 * Runs a storage call; a failure for a passing reason comes out as STORAGE_UNAVAILABLE, so callers can
 * tell "retry later" from "this input can never be stored" without knowing the driver.
 */
export async function failingAsUnavailable<T>(
  operation: string,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isUnavailableError(error) || error instanceof DomainError) throw error;
    throw new DomainError(
      STORAGE_UNAVAILABLE,
      `${operation}: database unavailable: ${String((error as { message?: unknown }).message ?? error)}`,
      { cause: error },
    );
  }
}
