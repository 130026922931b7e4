import { clusterMembers, popularFromSeen } from './synthetic-interactions';
import { syntheticModel } from './synthetic-model';

const options = {
  version: 'v1',
  items: 400,
  users: 50,
  dim: 8,
  clusters: 4,
  spread: 0.1,
  seenPerUser: 3,
  popularCount: 10,
  seed: 5,
};

function squaredDistance(a: Float32Array, b: Float32Array): number {
  return a.reduce((sum, value, d) => sum + (value - b[d]) ** 2, 0);
}

describe('syntheticModel', () => {
  it('gives a snapshot whose arrays agree with its metadata', () => {
    const { snapshot } = syntheticModel(options);
    expect(snapshot.itemVectors).toHaveLength(400 * 8);
    expect(snapshot.userVectors).toHaveLength(50 * 8);
    expect(snapshot.itemIds[399]).toBe('item-399');
    expect(snapshot.userIds[0]).toBe('user-0');
    expect(snapshot.seenItems.offsets).toHaveLength(51);
    expect(snapshot.popularItems).toHaveLength(10);
  });

  it('is the same for the same seed and differs for another', () => {
    const a = syntheticModel(options).snapshot.itemVectors;
    expect(syntheticModel(options).snapshot.itemVectors).toEqual(a);
    expect(syntheticModel({ ...options, seed: 6 }).snapshot.itemVectors).not.toEqual(a);
  });

  it('plants users near the items of their own cluster, and their seen items there', () => {
    const { snapshot, itemClusters, userClusters } = syntheticModel(options);
    const row = (table: Float32Array, i: number) => table.subarray(i * 8, (i + 1) * 8);
    const { offsets, items } = snapshot.seenItems;
    for (let user = 0; user < 50; user++) {
      const seen = items.subarray(offsets[user], offsets[user + 1]);
      expect(seen).toHaveLength(3);
      for (const item of seen) expect(itemClusters[item]).toBe(userClusters[user]);
      const own = itemClusters.findIndex((c) => c === userClusters[user]);
      const other = itemClusters.findIndex((c) => c !== userClusters[user]);
      const userRow = row(snapshot.userVectors, user);
      expect(squaredDistance(userRow, row(snapshot.itemVectors, own))).toBeLessThan(
        squaredDistance(userRow, row(snapshot.itemVectors, other)),
      );
    }
  });
});

describe('clusterMembers', () => {
  it('groups rows by cluster in row order', () => {
    const members = clusterMembers(Int32Array.from([2, 0, 2, 1]), 3);
    expect([...members.offsets]).toEqual([0, 1, 2, 4]);
    expect([...members.rows]).toEqual([1, 3, 0, 2]);
  });
});

describe('popularFromSeen', () => {
  it('ranks the most seen items first, ties by index', () => {
    const popular = popularFromSeen(Int32Array.from([3, 1, 3, 2, 1, 3]), 5, 4);
    expect([...popular]).toEqual([3, 1, 2, 0]);
  });
});
