import { DomainError } from '@recsys/domain';
import { isTransientFailure } from './transient-failure';

describe('isTransientFailure', () => {
  it('is true for unreachable stores and an unacknowledged dead letter', () => {
    expect(isTransientFailure(new DomainError('STORAGE_UNAVAILABLE', 'db down'))).toBe(true);
    expect(isTransientFailure(new DomainError('REALTIME_STORE_UNAVAILABLE', 'redis'))).toBe(true);
    expect(isTransientFailure(new DomainError('DEAD_LETTER_SEND_FAILED', 'kafka'))).toBe(true);
    expect(isTransientFailure(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe(true);
  });

  it('is false for failures about the data or the code', () => {
    expect(isTransientFailure(new DomainError('INVALID_EVENT', 'bad time'))).toBe(false);
    expect(isTransientFailure(Object.assign(new Error('out of range'), { code: '22008' }))).toBe(
      false,
    );
    expect(isTransientFailure(new URIError('URI malformed'))).toBe(false);
    expect(isTransientFailure(null)).toBe(false);
  });
});
