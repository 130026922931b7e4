import { DomainError } from './domain-error';

describe('DomainError', () => {
  it('keeps its code and details', () => {
    const error = new DomainError('UNKNOWN_USER', 'no such user', { userId: 'u1' });
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe('UNKNOWN_USER');
    expect(error.details).toEqual({ userId: 'u1' });
  });
});
