import { isolateFailures } from './isolate-failures';

class Outage extends Error {}

/** An attempt that fails whenever the part holds a poison item, recording every part it was given. */
function attemptRejecting(poison: ReadonlySet<number>) {
  const parts: number[][] = [];
  const stored: number[] = [];
  const attempt = (part: readonly number[]) => {
    parts.push([...part]);
    const bad = part.find((item) => poison.has(item));
    if (bad !== undefined) return Promise.reject(new Error(`item ${bad} is poison`));
    stored.push(...part);
    return Promise.resolve();
  };
  return { attempt, parts, stored };
}

const options = { attemptsBeforeBisect: 2, isTransient: (e: unknown) => e instanceof Outage };
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('isolateFailures', () => {
  it('attempts a good batch once and isolates nothing', async () => {
    const { attempt, parts } = attemptRejecting(new Set());
    await expect(isolateFailures(range(8), attempt, options)).resolves.toEqual([]);
    expect(parts).toEqual([range(8)]);
  });

  it('retries a failing batch, then bisects down to the poison item; every other item is stored in order', async () => {
    const { attempt, parts, stored } = attemptRejecting(new Set([5]));
    const failures = await isolateFailures(range(8), attempt, options);
    expect(failures.map((f) => f.item)).toEqual([5]);
    expect((failures[0].error as Error).message).toBe('item 5 is poison');
    expect(stored).toEqual([0, 1, 2, 3, 4, 6, 7]);
    expect(parts.slice(0, 2)).toEqual([range(8), range(8)]);
    // 2 whole + halves [0..3] ok, [4..7] split: [4,5] split: [4] ok, [5] poison, [6,7] ok.
    expect(parts.length).toBe(8);
  });

  it('finds several poison items, including neighbours and a batch of one', async () => {
    const { attempt, stored } = attemptRejecting(new Set([0, 1, 9]));
    const failures = await isolateFailures(range(10), attempt, options);
    expect(failures.map((f) => f.item)).toEqual([0, 1, 9]);
    expect(stored).toEqual([2, 3, 4, 5, 6, 7, 8]);
    const single = attemptRejecting(new Set([7]));
    await expect(isolateFailures([7], single.attempt, options)).resolves.toHaveLength(1);
    expect(single.parts).toEqual([[7], [7]]);
  });

  it('lets a transient failure through at any depth, blaming no item', async () => {
    let calls = 0;
    const attempt = () => {
      calls++;
      return Promise.reject(calls < 3 ? new Error('bad') : new Outage('database down'));
    };
    await expect(isolateFailures(range(4), attempt, options)).rejects.toBeInstanceOf(Outage);
  });

  it('succeeds when the second attempt of the whole batch does (a one-off failure isolates nothing)', async () => {
    let calls = 0;
    const attempt = () => (++calls === 1 ? Promise.reject(new Error('once')) : Promise.resolve());
    await expect(isolateFailures(range(4), attempt, options)).resolves.toEqual([]);
    expect(calls).toBe(2);
  });
});
