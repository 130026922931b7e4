import { ExclusiveLease } from './exclusive-lease';

describe('ExclusiveLease', () => {
  it('grants the lease to one holder at a time, in request order', async () => {
    const lease = new ExclusiveLease();
    const order: string[] = [];
    const holder = async (name: string) => {
      const release = await lease.acquire();
      order.push(`${name}:start`);
      await Promise.resolve();
      await Promise.resolve();
      order.push(`${name}:end`);
      release();
    };
    await Promise.all([holder('a'), holder('b'), holder('c')]);
    expect(order).toEqual(['a:start', 'a:end', 'b:start', 'b:end', 'c:start', 'c:end']);
  });

  it('keeps waiting while the holder has not released', async () => {
    const lease = new ExclusiveLease();
    const releaseFirst = await lease.acquire();
    let secondAcquired = false;
    const second = lease.acquire().then((release) => {
      secondAcquired = true;
      return release;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(secondAcquired).toBe(false);
    releaseFirst();
    (await second)();
    expect(secondAcquired).toBe(true);
  });

  it('ignores a second release of the same lease', async () => {
    const lease = new ExclusiveLease();
    const releaseFirst = await lease.acquire();
    const second = lease.acquire();
    releaseFirst();
    const releaseSecond = await second;
    releaseFirst();
    let thirdAcquired = false;
    const third = lease.acquire().then((release) => {
      thirdAcquired = true;
      return release;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(thirdAcquired).toBe(false);
    releaseSecond();
    (await third)();
    expect(thirdAcquired).toBe(true);
  });
});
