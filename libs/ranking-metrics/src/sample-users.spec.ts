import { sampleUsers } from './sample-users';
import { buildUserItemSets } from './user-item-sets';

describe('sampleUsers', () => {
  const sets = buildUserItemSets({
    userCount: 6,
    users: Int32Array.of(0, 2, 3, 5, 5),
    items: Int32Array.of(1, 1, 1, 1, 2),
  });

  it('lists users with items, or a seeded ascending sample of them', () => {
    expect(Array.from(sampleUsers(sets, undefined, 1))).toEqual([0, 2, 3, 5]);
    const sample = sampleUsers(sets, 2, 9);
    expect(sample).toHaveLength(2);
    expect(Array.from(sample)).toEqual(Array.from(sample).sort((a, b) => a - b));
    expect(Array.from(sampleUsers(sets, 2, 9))).toEqual(Array.from(sample));
    for (const user of sample) expect([0, 2, 3, 5]).toContain(user);
  });
});
