import { parseLightGcn } from '@recsys/datasets';
import { splitGowalla } from './gowalla-split';

/** 30 users with 10, 15, 20, ... 155 items each (LightGCN lines), items shared across users. */
function table() {
  const lines = Array.from({ length: 30 }, (_, user) => {
    const items = Array.from({ length: 10 + 5 * user }, (_, i) => (user * 7 + i * 3) % 400);
    return `${user} ${[...new Set(items)].join(' ')}`;
  });
  return parseLightGcn(lines.join('\n'));
}

function rowsPerUser(users: Int32Array, rows: Int32Array, userCount: number): number[] {
  const counts = new Array<number>(userCount).fill(0);
  for (const row of rows) counts[users[row]]++;
  return counts;
}

function isAscending(rows: Int32Array): boolean {
  return rows.every((row, i) => i === 0 || rows[i - 1] < row);
}

describe('splitGowalla', () => {
  const data = table();
  const userCount = data.userIds.length;

  it('carve20 holds out a fifth of every user’s rows', () => {
    const split = splitGowalla(data, 42, 'carve20');
    const all = rowsPerUser(data.users, Int32Array.from(data.users.keys()), userCount);
    const held = rowsPerUser(data.users, split.testRows, userCount);
    all.forEach((count, user) => expect(held[user]).toBe(count - Math.round(count * 0.8)));
    expect(split.trainRows.length + split.testRows.length).toBe(data.users.length);
  });

  it('carve5 holds out a twentieth of every user’s rows, inside carve10’s count', () => {
    const split = splitGowalla(data, 42, 'carve5');
    const all = rowsPerUser(data.users, Int32Array.from(data.users.keys()), userCount);
    const held = rowsPerUser(data.users, split.testRows, userCount);
    all.forEach((count, user) => expect(held[user]).toBe(count - Math.round(count * 0.95)));
    const carve10 = rowsPerUser(data.users, splitGowalla(data, 42, 'carve10').testRows, userCount);
    held.forEach((count, user) => expect(count).toBeLessThanOrEqual(carve10[user]));
    expect(split.trainRows.length + split.testRows.length).toBe(data.users.length);
  });

  it('nested20 carves a fifth of carve20’s training rows and never touches its held-out rows', () => {
    const outer = splitGowalla(data, 42, 'carve20');
    const nested = splitGowalla(data, 42, 'nested20');
    const outerTrain = new Set(outer.trainRows);
    expect([...nested.trainRows, ...nested.testRows].sort((a, b) => a - b)).toEqual([
      ...outer.trainRows,
    ]);
    expect([...nested.testRows].every((row) => outerTrain.has(row))).toBe(true);
    expect(isAscending(nested.trainRows) && isAscending(nested.testRows)).toBe(true);
    const outerCounts = rowsPerUser(data.users, outer.trainRows, userCount);
    const held = rowsPerUser(data.users, nested.testRows, userCount);
    outerCounts.forEach((count, user) => expect(held[user]).toBe(count - Math.round(count * 0.8)));
  });

  it('is seeded: the same seed gives the same rows, another seed other rows', () => {
    const a = splitGowalla(data, 42, 'nested20');
    expect(splitGowalla(data, 42, 'nested20').testRows).toEqual(a.testRows);
    expect(splitGowalla(data, 43, 'nested20').testRows).not.toEqual(a.testRows);
  });
});
