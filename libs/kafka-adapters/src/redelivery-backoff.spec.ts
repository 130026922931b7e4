import { redeliveryDelayMs } from './redelivery-backoff';

describe('redeliveryDelayMs', () => {
  const backoff = { initialMs: 100, maxMs: 1_000 };

  it('waits the initial delay after the first rejection and doubles after each further one', () => {
    expect([1, 2, 3, 4].map((attempt) => redeliveryDelayMs(attempt, backoff))).toEqual([
      100, 200, 400, 800,
    ]);
  });

  it('never exceeds the maximum, even after very many rejections', () => {
    expect(redeliveryDelayMs(5, backoff)).toBe(1_000);
    expect(redeliveryDelayMs(10_000, backoff)).toBe(1_000);
  });
});
