import { Pacer } from './pacer';

describe('Pacer', () => {
  it('spaces batches so the average rate stays at the limit', async () => {
    let now = 1000;
    const waits: number[] = [];
    const pacer = new Pacer(100, {
      nowMs: () => now,
      sleep: (ms) => {
        waits.push(ms);
        now += ms;
        return Promise.resolve();
      },
    });
    await pacer.take(50); // first batch: no wait
    await pacer.take(50); // 50 events at 100/s: due 500 ms after the start
    now += 100; // the send took 100 ms
    await pacer.take(10); // 100 events: due at 1000 ms, now at 600 ms
    expect(waits).toEqual([500, 400]);
    now += 2000;
    await pacer.take(10); // late already: no wait
    expect(waits).toHaveLength(2);
  });

  it('never waits without a rate', async () => {
    const sleep = jest.fn();
    const pacer = new Pacer(undefined, { nowMs: () => 0, sleep });
    await pacer.take(1000);
    await pacer.take(1000);
    expect(sleep).not.toHaveBeenCalled();
  });
});
