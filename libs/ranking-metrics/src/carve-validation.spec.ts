import type { TrainingData } from '@recsys/embedding-training';
import { carveValidation } from './carve-validation';

function dataWith(
  positivesPerUser: number[][],
  triplets: [number, number, number][],
): TrainingData {
  const users = positivesPerUser.flatMap((items, user) => items.map(() => user));
  return {
    userCount: positivesPerUser.length,
    itemCount: 50,
    positives: {
      users: Int32Array.from(users),
      items: Int32Array.from(positivesPerUser.flat()),
      weights: Float32Array.from(users, (_, i) => i + 1),
    },
    explicitTriplets: {
      users: Int32Array.from(triplets.map((t) => t[0])),
      positives: Int32Array.from(triplets.map((t) => t[1])),
      negatives: Int32Array.from(triplets.map((t) => t[2])),
    },
  };
}

describe('carveValidation', () => {
  const items = Array.from({ length: 10 }, (_, i) => i);
  const data = dataWith([items, [20, 21]], [[0, 0, 40], [0, 1, 41], [0, 2, 42], [1, 20, 43]]); // prettier-ignore

  it('holds out a share of each user’s positives, disjoint from what is fitted', () => {
    const carved = carveValidation(data, { fraction: 0.2, seed: 5 });
    const heldOfUser0 = Array.from(
      carved.validation.items.subarray(0, carved.validation.offsets[1]),
    );
    expect(heldOfUser0).toHaveLength(2);
    expect(carved.validation.offsets[2] - carved.validation.offsets[1]).toBe(0);
    const fitted = new Set(carved.fit.positives.items);
    for (const item of heldOfUser0) expect(fitted.has(item)).toBe(false);
    expect(carved.fit.positives.users.length).toBe(10);
    // weights follow their rows
    carved.fit.positives.items.forEach((item, row) => {
      if (carved.fit.positives.users[row] === 0) {
        expect(carved.fit.positives.weights[row]).toBe(item + 1);
      }
    });
  });

  it('drops the triplets of held-out pairs and marks fitted items and negatives as seen', () => {
    const carved = carveValidation(data, { fraction: 0.2, seed: 5 });
    const held = new Set(carved.validation.items.subarray(0, carved.validation.offsets[1]));
    for (const positive of carved.fit.explicitTriplets.positives)
      expect(held.has(positive)).toBe(false);
    const expectedTriplets = [0, 1, 2].filter((item) => !held.has(item)).length + 1;
    expect(carved.fit.explicitTriplets.users.length).toBe(expectedTriplets);
    const seenOfUser1 = Array.from(
      carved.seen.items.subarray(carved.seen.offsets[1], carved.seen.offsets[2]),
    );
    expect(seenOfUser1).toEqual([20, 21, 43]);
  });
});
