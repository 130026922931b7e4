import { splitLeaveLastN } from './split-leave-last-n';
import { splitStratified } from './split-stratified';

function usersOf(counts: number[]): Int32Array {
  return Int32Array.from(counts.flatMap((count, user) => Array<number>(count).fill(user)));
}

describe('splitStratified', () => {
  const users = usersOf([20, 8, 1, 4]);

  it('sends round(n * ratio) of each user to test and is seeded', () => {
    const split = splitStratified({ users, userCount: 4 }, { testRatio: 0.25, seed: 3 });
    const testPerUser = [0, 0, 0, 0];
    split.testRows.forEach((row) => testPerUser[users[row]]++);
    expect(testPerUser).toEqual([5, 2, 0, 1]);
    expect(split.trainRows.length + split.testRows.length).toBe(users.length);
    const again = splitStratified({ users, userCount: 4 }, { testRatio: 0.25, seed: 3 });
    expect(Array.from(again.testRows)).toEqual(Array.from(split.testRows));
    const other = splitStratified({ users, userCount: 4 }, { testRatio: 0.25, seed: 4 });
    expect(Array.from(other.testRows)).not.toEqual(Array.from(split.testRows));
  });

  it('rejects a ratio outside (0, 1)', () => {
    expect(() => splitStratified({ users, userCount: 4 }, { testRatio: 1, seed: 1 })).toThrow(
      'testRatio',
    );
  });
});

describe('splitLeaveLastN', () => {
  it('holds out each user’s latest rows and keeps short histories in train', () => {
    const users = Int32Array.of(0, 0, 0, 1, 1, 0);
    const timestamps = Float64Array.of(30, 10, 20, 5, 6, 25);
    const split = splitLeaveLastN({ users, userCount: 2, timestamps }, { lastN: 2 });
    expect(Array.from(split.testRows)).toEqual([0, 5]);
    expect(Array.from(split.trainRows)).toEqual([1, 2, 3, 4]);
  });

  it('breaks timestamp ties by input order', () => {
    const split = splitLeaveLastN(
      { users: Int32Array.of(0, 0, 0), userCount: 1, timestamps: Float64Array.of(1, 1, 1) },
      { lastN: 1 },
    );
    expect(Array.from(split.testRows)).toEqual([2]);
  });
});
