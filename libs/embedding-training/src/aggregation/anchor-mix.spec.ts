import { UserItemSet } from '../data/user-item-set';
import { allocateTableMemory } from '../geometry/table-memory';
import type { SparseOptimizer } from '../optim/sparse-optimizer';
import { SeededRandom } from '../random/seeded-random';
import { anchorMeanBytes, BehaviourAnchor } from './behaviour-anchor';

const DIM = 16;
const USERS = 5;
const ITEMS = 30;
const SHARE = 0.75;
const LIKED = [[1, 2, 3], [4, 5, 6, 7, 8], [9], [], [10, 29]];

const noOptimizer: SparseOptimizer = { applyRow: () => undefined };

/** A behaviour anchor over random tables, in a table memory (the WebAssembly mix) or plain arrays. */
function anchorOver(inMemory: boolean) {
  const random = new SeededRandom(8);
  const rows = (USERS + 2) * DIM;
  const placed = inMemory ? allocateTableMemory([rows, ITEMS * DIM], anchorMeanBytes(DIM))! : null;
  const [anchors, items] = placed?.tables ?? [
    new Float32Array(rows),
    new Float32Array(ITEMS * DIM),
  ];
  anchors.set(Array.from({ length: USERS * DIM }, () => random.nextNormal() * 0.3));
  items.set(Array.from({ length: ITEMS * DIM }, () => random.nextNormal() * 0.3));
  const positives = UserItemSet.fromPairs({
    users: Int32Array.from(LIKED.flatMap((row, user) => row.map(() => user))),
    items: Int32Array.from(LIKED.flat()),
    userCount: USERS,
  });
  const anchor = new BehaviourAnchor({
    dim: DIM,
    share: SHARE,
    slope: 0,
    positives,
    anchors,
    items,
    itemOptimizer: noOptimizer,
    scratch: { first: USERS, count: 2 },
    memory: placed?.tableMemory ?? null,
  });
  return { anchor, anchors, items };
}

describe('the anchor mix in WebAssembly (assembly/anchor-mix.wat)', () => {
  it('writes the bits of the JavaScript loop: (1 - g) u + g mean(liked rows)', () => {
    const kernel = anchorOver(true);
    const script = anchorOver(false);
    expect(kernel.anchors.buffer).not.toBe(script.anchors.buffer);
    for (const user of [0, 1, 2, 4, 1]) {
      const row = USERS + (user % 2);
      const at = kernel.anchor.writeAnchor(user, row);
      expect(script.anchor.writeAnchor(user, row)).toBe(at);
      const written = kernel.anchors.slice(at, at + DIM);
      expect(written).toEqual(script.anchors.slice(at, at + DIM));
      // And it is the mix (f32 rounding aside): not a copy of the user row.
      for (let k = 0; k < DIM; k++) {
        const mean =
          LIKED[user].reduce((sum, item) => sum + kernel.items[item * DIM + k], 0) /
          LIKED[user].length;
        const expected = (1 - SHARE) * kernel.anchors[user * DIM + k] + SHARE * mean;
        expect(written[k]).toBeCloseTo(expected, 6);
      }
    }
    // A user without liked items is scored as their own row.
    expect(kernel.anchor.writeAnchor(3, USERS)).toBe(3 * DIM);
  });
});
