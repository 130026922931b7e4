import { buildUserItemSets, userSetSize } from './user-item-sets';

describe('buildUserItemSets', () => {
  it('groups items per user, sorted and without duplicates', () => {
    const sets = buildUserItemSets({
      userCount: 3,
      users: Int32Array.of(2, 0, 2, 2, 0),
      items: Int32Array.of(5, 4, 1, 5, 3),
    });
    expect(Array.from(sets.offsets)).toEqual([0, 2, 2, 4]);
    expect(Array.from(sets.items)).toEqual([3, 4, 1, 5]);
    expect(userSetSize(sets, 1)).toBe(0);
  });

  it('uses only the selected rows', () => {
    const pairs = { userCount: 2, users: Int32Array.of(0, 1, 0), items: Int32Array.of(1, 2, 3) };
    const sets = buildUserItemSets(pairs, Int32Array.of(1, 2));
    expect(Array.from(sets.offsets)).toEqual([0, 1, 2]);
    expect(Array.from(sets.items)).toEqual([3, 2]);
  });
});
