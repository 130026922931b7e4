import { ingestionVerdict } from './ingestion-verdict';

describe('ingestionVerdict', () => {
  const options = { nowMs: 100_000, stallMs: 60_000 };

  it('is healthy while consuming with no partition failing, or failing for less than stallMs', () => {
    expect(ingestionVerdict({ consuming: true, failingSinceMs: null }, options)).toEqual({
      healthy: true,
      problems: [],
      stalledForMs: 0,
    });
    expect(ingestionVerdict({ consuming: true, failingSinceMs: 50_000 }, options)).toMatchObject({
      healthy: true,
      stalledForMs: 50_000,
    });
  });

  it('is unhealthy when not in the group, or when a partition has been stuck for stallMs', () => {
    const out = ingestionVerdict({ consuming: false, failingSinceMs: null }, options);
    expect(out.healthy).toBe(false);
    expect(out.problems).toEqual(['the consumer is not a member of its group']);
    const stuck = ingestionVerdict({ consuming: true, failingSinceMs: 40_000 }, options);
    expect(stuck).toMatchObject({ healthy: false, stalledForMs: 60_000 });
  });
});
