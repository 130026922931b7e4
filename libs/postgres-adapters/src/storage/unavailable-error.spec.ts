import { DomainError } from '@recsys/domain';
import { failingAsUnavailable, isUnavailableError, STORAGE_UNAVAILABLE } from './unavailable-error';

function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('isUnavailableError', () => {
  it('is true for a server that is gone, restarting, overloaded, or a lost race', () => {
    expect(isUnavailableError(withCode('connect ECONNREFUSED 127.0.0.1:5', 'ECONNREFUSED'))).toBe(
      true,
    );
    expect(isUnavailableError(withCode('terminating connection', '57P01'))).toBe(true);
    expect(isUnavailableError(withCode('too many connections', '53300'))).toBe(true);
    expect(isUnavailableError(withCode('connection failure', '08006'))).toBe(true);
    expect(isUnavailableError(withCode('deadlock detected', '40P01'))).toBe(true);
    expect(isUnavailableError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isUnavailableError(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isUnavailableError(new Error('x', { cause: withCode('reset', 'ECONNRESET') }))).toBe(
      true,
    );
  });

  it('is false for what fails the same way every time', () => {
    // 22008: datetime field overflow (the +16:00 offset); 22021: bad byte sequence; 23505: unique.
    expect(isUnavailableError(withCode('time zone displacement out of range', '22008'))).toBe(
      false,
    );
    expect(isUnavailableError(withCode('invalid byte sequence', '22021'))).toBe(false);
    expect(isUnavailableError(withCode('duplicate key', '23505'))).toBe(false);
    expect(isUnavailableError(withCode('poison', 'P0001'))).toBe(false);
    expect(isUnavailableError(new TypeError('x is undefined'))).toBe(false);
    expect(isUnavailableError('a string')).toBe(false);
  });
});

describe('failingAsUnavailable', () => {
  it('turns a passing failure into STORAGE_UNAVAILABLE and lets the others through unchanged', async () => {
    const gone = withCode('connect ECONNREFUSED', 'ECONNREFUSED');
    await expect(failingAsUnavailable('append', () => Promise.reject(gone))).rejects.toMatchObject({
      code: STORAGE_UNAVAILABLE,
    });
    const bad = withCode('time zone displacement out of range', '22008');
    await expect(failingAsUnavailable('append', () => Promise.reject(bad))).rejects.toBe(bad);
    await expect(failingAsUnavailable('append', () => Promise.resolve(3))).resolves.toBe(3);
    const domain = new DomainError('OTHER', 'x');
    await expect(failingAsUnavailable('append', () => Promise.reject(domain))).rejects.toBe(domain);
  });
});
