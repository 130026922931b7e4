import type { TrainingData } from '../training-data';
import { WorkOrder } from './work-order';

// Pairs 0..5 of users [2, 0, 2, 1, 0, 2]; explicit triplets 6, 7 of users [1, 2].
const data: TrainingData = {
  userCount: 3,
  itemCount: 10,
  positives: {
    users: Int32Array.of(2, 0, 2, 1, 0, 2),
    items: Int32Array.of(1, 2, 3, 4, 5, 6),
    weights: new Float32Array(6).fill(1),
  },
  explicitTriplets: {
    users: Int32Array.of(1, 2),
    positives: Int32Array.of(4, 1),
    negatives: Int32Array.of(9, 9),
  },
};
const userOf = (work: number) =>
  work < 6 ? data.positives.users[work] : data.explicitTriplets.users[work - 6];

describe('WorkOrder', () => {
  it("by-user: every work item once, each user's items together", () => {
    const order = new Int32Array(8);
    new WorkOrder({ data, mode: 'by-user', seed: 1 }).next(order);
    expect([...order].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const users = [...order].map(userOf);
    const runs = users.filter((user, i) => i === 0 || user !== users[i - 1]);
    expect(runs).toHaveLength(3);
  });

  it('shuffled: a fresh permutation every epoch, the same for the same seed', () => {
    const orders = (seed: number) => {
      const workOrder = new WorkOrder({ data, mode: 'shuffled', seed });
      const order = new Int32Array(8);
      return [1, 2, 3].map(() => {
        workOrder.next(order);
        return [...order];
      });
    };
    const epochs = orders(5);
    epochs.forEach((order) => expect([...order].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]));
    expect(new Set(epochs.map((order) => order.join())).size).toBeGreaterThan(1);
    expect(orders(5)).toEqual(epochs);
  });
});
