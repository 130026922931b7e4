import { UserItemSet } from './user-item-set';

describe('UserItemSet', () => {
  const set = UserItemSet.fromPairs({
    users: Int32Array.of(2, 0, 2, 0, 2, 0),
    items: Int32Array.of(9, 4, 1, 4, 5, 7),
    userCount: 3,
  });

  it('answers membership per user', () => {
    expect(set.has(0, 4)).toBe(true);
    expect(set.has(0, 7)).toBe(true);
    expect(set.has(0, 9)).toBe(false);
    expect(set.has(1, 4)).toBe(false);
    expect(set.has(2, 9)).toBe(true);
    expect(set.has(2, 4)).toBe(false);
  });

  it("keeps each user's items sorted and deduplicated", () => {
    expect(set.countOf(0)).toBe(2);
    expect(set.countOf(1)).toBe(0);
    expect([0, 1, 2].map((k) => set.itemAt(2, k))).toEqual([1, 5, 9]);
    expect([...set.items]).toEqual([4, 7, 1, 5, 9]);
  });
});
