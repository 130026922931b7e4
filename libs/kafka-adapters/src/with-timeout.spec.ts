import { DomainError } from '@recsys/domain';
import { withTimeout } from './with-timeout';

describe('withTimeout', () => {
  const options = { timeoutMs: 1_000, code: 'SLOW', message: 'too slow' };

  afterEach(() => jest.useRealTimers());

  it('settles with the work when it finishes in time', async () => {
    await expect(withTimeout(Promise.resolve(42), options)).resolves.toBe(42);
    await expect(withTimeout(Promise.reject(new Error('boom')), options)).rejects.toThrow('boom');
  });

  it('rejects with the given DomainError code when the work never settles', async () => {
    jest.useFakeTimers();
    const pending = withTimeout(new Promise<never>(() => undefined), options);
    const assertion = expect(pending).rejects.toMatchObject({ code: 'SLOW', message: 'too slow' });
    jest.advanceTimersByTime(1_000);
    await assertion;
    await expect(pending).rejects.toBeInstanceOf(DomainError);
  });
});
