import { UserItemSet } from '../data/user-item-set';
import type { GeometryKind } from '../geometry/row-geometry';
import { allocateTableMemory } from '../geometry/table-memory';
import { SeededRandom } from '../random/seeded-random';
import { specTrainingWithCopies } from '../testing/copied-candidates-training.spec-helper';
import { CandidateMirror, candidateMirrorBytes } from './candidate-mirror';
import { hardCandidateSourceBytes } from './create-hard-candidate-source';

const USERS = 4;
const ITEMS = 300;
const W = 16;

interface Setup {
  dim?: number;
  kind?: GeometryKind;
  reuse?: number;
  seed?: number;
  /** Each user's liked items. */
  liked?: number[][];
  setsPerPair?: number;
  picksPerPair?: number;
  /** Scores user u's picks against row anchorRow(u) of the user table (as train-time aggregation's mix). */
  anchorRow?: (user: number) => number;
}

/** Random tables in a table memory with room for a mirror, and a mirror over them. */
function setup(options: Setup = {}) {
  const { dim = 8, kind = 'squared-euclidean', reuse = 1e9, seed = 5 } = options;
  const placed = allocateTableMemory(
    [USERS * dim, ITEMS * dim],
    candidateMirrorBytes(ITEMS, dim, W),
  )!;
  const [users, items] = placed.tables;
  const init = new SeededRandom(11);
  for (const table of [users, items]) {
    for (let i = 0; i < table.length; i++) table[i] = init.nextNormal();
  }
  const liked = options.liked ?? [[1, 2, 3], [], [], []];
  const positives = UserItemSet.fromPairs({
    users: Int32Array.from(liked.flatMap((row, user) => row.map(() => user))),
    items: Int32Array.from(liked.flat()),
    userCount: USERS,
  });
  const random = new SeededRandom(seed);
  const mirror = CandidateMirror.create({
    random,
    itemCount: ITEMS,
    dim,
    candidates: W,
    positives,
    kind,
    memory: placed.tableMemory,
    users,
    items,
    reuse,
    setsPerPair: options.setsPerPair,
    picksPerPair: options.picksPerPair,
    anchorAddress:
      options.anchorRow && ((user) => users.byteOffset + options.anchorRow!(user) * dim * 4),
  })!;
  return { mirror, users, items, dim, positives, random };
}

type Mirror = ReturnType<typeof setup>;

/** Closeness of item `item` to user `user` in float64 from the live rows (larger = closer). */
function closeness(s: Mirror, kind: GeometryKind, user: number, item: number): number {
  const { users, items, dim } = s;
  let dot = 0;
  let distance = 0;
  let norm = 0;
  for (let k = 0; k < dim; k++) {
    const u = users[user * dim + k];
    const x = items[item * dim + k];
    dot += u * x;
    distance += (u - x) * (u - x);
    norm += x * x;
  }
  if (kind === 'dot') return dot;
  if (kind === 'cosine') return dot / Math.sqrt(norm);
  return -distance;
}

/** The exact closest unliked item among the last pick's candidates (float64, live rows). */
function exactBest(s: Mirror, kind: GeometryKind, user: number): number {
  let best = -1;
  for (const item of s.mirror.ids) {
    if (s.positives.has(user, item)) continue;
    if (best < 0 || closeness(s, kind, user, item) > closeness(s, kind, user, best)) best = item;
  }
  return best;
}

/** A bound on how far int8 rows and an i16 anchor can move a closeness (on the -distance scale). */
function roundingBound(s: Mirror, user: number): number {
  const { users, items, dim } = s;
  let userMax = 0;
  let itemMax = 0;
  for (let k = 0; k < dim; k++) userMax = Math.max(userMax, Math.abs(users[user * dim + k]));
  for (const value of items) itemMax = Math.max(itemMax, Math.abs(value));
  // Two sides of 2 u.c, each rounded by at most half a step per coordinate.
  return 2 * 2 * dim * userMax * itemMax * (0.5 / 127 + 0.5 / 32767) + 1e-5;
}

describe('CandidateMirror', () => {
  it('draws its W ids as SeededRandom.nextInt(itemCount) would, and the stream continues after them', () => {
    const s = setup({ seed: 9 });
    const reference = new SeededRandom(9);
    for (let pick = 0; pick < 5; pick++) {
      s.mirror.pick(pick % USERS, 0, true);
      const expected = Array.from({ length: W }, () => reference.nextInt(ITEMS));
      expect([...s.mirror.ids]).toEqual(expected);
    }
    expect(s.random.nextUint32()).toBe(reference.nextUint32());
  });

  it.each<GeometryKind>(['squared-euclidean', 'euclidean', 'cosine', 'dot'])(
    'picks the closest unliked of its W candidates, up to int8 rounding (%s)',
    (kind) => {
      const s = setup({ kind, liked: [[], [], [], []] });
      let exact = 0;
      for (let pick = 0; pick < 40; pick++) {
        const user = pick % USERS;
        const item = s.mirror.pick(user, 0, true);
        expect(s.mirror.ids).toContain(item);
        const best = exactBest(s, kind, user);
        if (item === best) exact++;
        const gap = closeness(s, kind, user, best) - closeness(s, kind, user, item);
        expect(gap).toBeGreaterThanOrEqual(0);
        if (kind === 'squared-euclidean') expect(gap).toBeLessThanOrEqual(roundingBound(s, user));
      }
      expect(exact).toBeGreaterThanOrEqual(32);
    },
  );

  it('never picks a liked item, and gives -1 to a user who likes every item', () => {
    const everything = Array.from({ length: ITEMS }, (_, item) => item);
    const liked = [everything.filter((item) => item % 2 === 0), everything, [], []];
    const s = setup({ liked });
    for (let pick = 0; pick < 200; pick++) {
      const item = s.mirror.pick(0, 1, pick % 2 === 0);
      expect(item % 2).toBe(1);
    }
    expect(s.mirror.pick(1, 0, true)).toBe(-1);
  });

  it('copies a pick and its positive again PICK_LAG pairs later, after the trainer has moved them', () => {
    const s = setup({ liked: [[], [], [], []] });
    const user = 0;
    const positive = 7;
    const picked = s.mirror.pick(user, positive, true);
    // The trainer moves both rows onto the user's row: the closest any item can be.
    for (const item of [picked, positive]) {
      s.items.set(s.users.subarray(user * s.dim, (user + 1) * s.dim), item * s.dim);
    }
    const copiedBefore = s.mirror.rowsCopied;
    // Seven more pairs (each its own positive, as consecutive pairs have): the ring has not come round.
    for (let pair = 0; pair < 7; pair++) s.mirror.pick(1 + (pair % 3), 20 + pair, true);
    expect(s.mirror.rowsCopied).toBe(copiedBefore);
    s.mirror.pick(1, 30, true);
    expect(s.mirror.rowsCopied).toBe(copiedBefore + 2);
    // The copies now show both rows on the user's: whenever either is a candidate, it is the pick.
    let seen = 0;
    for (let pick = 0; pick < 400 && seen < 3; pick++) {
      const item = s.mirror.pick(user, 0, true);
      const ids = [...s.mirror.ids];
      if (ids.includes(picked) || ids.includes(positive)) {
        seen++;
        expect([picked, positive]).toContain(item);
      }
    }
    expect(seen).toBe(3);
  });

  it("queues a pair's positive once when the pair scores one set per negative, so rows still come back 8 pairs later", () => {
    const s = setup({ liked: [[], [], [], []], setsPerPair: 2 });
    // Pair 0: two picks with positive 7, then 7 pairs of two picks each (other positives).
    s.mirror.pick(0, 7, true);
    s.mirror.pick(0, 7, true);
    const copiedBefore = s.mirror.rowsCopied;
    for (let pair = 1; pair < 8; pair++) {
      s.mirror.pick(1, 100 + pair, true);
      s.mirror.pick(1, 100 + pair, true);
    }
    expect(s.mirror.rowsCopied).toBe(copiedBefore);
    // The ninth pair's first pick comes round to pair 0's positive and its first pick.
    s.mirror.pick(2, 200, true);
    expect(s.mirror.rowsCopied).toBe(copiedBefore + 2);
  });

  it('copies W / (R x sets per pair) rows per pick at a cursor going round the mirror', () => {
    const one = setup({ reuse: 2 });
    const two = setup({ reuse: 2, setsPerPair: 2 });
    // The lag ring holds the first 8 pairs' rows, so only the cursor has copied yet.
    for (let pick = 0; pick < 8; pick++) {
      one.mirror.pick(pick % USERS, 0, true);
      two.mirror.pick(pick % USERS, 0, true);
    }
    // W / 2 = 8 rows due per pick, copied 32 at a time: 64 after 8 picks; half with two sets per pair.
    expect(one.mirror.rowsCopied).toBe(64);
    expect(two.mirror.rowsCopied).toBe(32);
  });

  it('keeps its copies in step with the table: after a full turn of the cursor a moved row is scored where it is', () => {
    const s = setup({ reuse: 1, liked: [[], [], [], []] });
    const user = 2;
    const moved = 123;
    s.items.set(s.users.subarray(user * s.dim, (user + 1) * s.dim), moved * s.dim);
    // W rows per pick: a turn of the cursor takes ITEMS / W picks.
    for (let pick = 0; pick < Math.ceil(ITEMS / W) + 1; pick++) s.mirror.pick(0, 0, true);
    let seen = 0;
    for (let pick = 0; pick < 400 && seen < 3; pick++) {
      const item = s.mirror.pick(user, 0, true);
      if (s.mirror.ids.includes(moved)) {
        seen++;
        expect(item).toBe(moved);
      }
    }
    expect(seen).toBe(3);
  });

  it('pickClosest gives the closest distinct unliked candidates, closest first', () => {
    const s = setup({ liked: [[1, 2, 3, 40, 41, 42], [], [], []], picksPerPair: 5 });
    const into = new Int32Array(5);
    for (let pair = 0; pair < 12; pair++) {
      const found = s.mirror.pickClosest(0, 1, 5, into);
      const picked = [...into.subarray(0, found)];
      const distinct = [...new Set([...s.mirror.ids].filter((item) => !s.positives.has(0, item)))];
      expect(found).toBe(Math.min(5, distinct.length));
      expect(new Set(picked).size).toBe(found);
      expect(picked.some((item) => s.positives.has(0, item))).toBe(false);
      const bound = roundingBound(s, 0);
      const near = (item: number) => closeness(s, 'squared-euclidean', 0, item);
      for (let k = 1; k < found; k++) expect(near(picked[k])).toBeLessThanOrEqual(near(picked[k - 1]) + bound); // prettier-ignore
      for (const item of distinct) {
        if (!picked.includes(item)) expect(near(item)).toBeLessThanOrEqual(near(picked[found - 1]) + bound); // prettier-ignore
      }
    }
  });

  it('semi-hard picks the closest candidate still farther than the positive', () => {
    const s = setup({ liked: [[], [1], [1], [1]] });
    const positive = 1;
    let checked = 0;
    for (let pick = 0; pick < 16; pick++) {
      const user = 1 + (pick % 3);
      const item = s.mirror.pick(user, positive, false);
      const bound = closeness(s, 'squared-euclidean', user, positive);
      const farther = [...s.mirror.ids].filter(
        (candidate) => closeness(s, 'squared-euclidean', user, candidate) < bound - 1e-3,
      );
      if (farther.length === 0) continue;
      const closest = farther.reduce((best, candidate) =>
        closeness(s, 'squared-euclidean', user, candidate) >
        closeness(s, 'squared-euclidean', user, best)
          ? candidate
          : best,
      );
      const gap =
        closeness(s, 'squared-euclidean', user, closest) -
        closeness(s, 'squared-euclidean', user, item);
      expect(Math.abs(gap)).toBeLessThanOrEqual(roundingBound(s, user));
      checked++;
    }
    expect(checked).toBeGreaterThan(8);
  });

  it('scores against the anchor row, and bounds semi-hard picks by the positive there', () => {
    const next = (user: number) => (user + 1) % USERS;
    const s = setup({ anchorRow: next, liked: [[], [], [], []] });
    let asNext = 0;
    for (let pick = 0; pick < 40; pick++) {
      const user = pick % USERS;
      if (s.mirror.pick(user, 0, true) === exactBest(s, 'squared-euclidean', next(user))) asNext++;
    }
    expect(asNext).toBeGreaterThanOrEqual(32);
    const positive = 1;
    let checked = 0;
    for (let pick = 0; pick < 24; pick++) {
      const user = pick % USERS;
      const item = s.mirror.pick(user, positive, false);
      const near = (candidate: number) => closeness(s, 'squared-euclidean', next(user), candidate);
      const farther = [...s.mirror.ids].filter(
        (candidate) => near(candidate) < near(positive) - 1e-3,
      );
      if (farther.length === 0) continue;
      const closest = farther.reduce((best, candidate) =>
        near(candidate) > near(best) ? candidate : best,
      );
      expect(Math.abs(near(closest) - near(item))).toBeLessThanOrEqual(
        roundingBound(s, next(user)),
      );
      checked++;
    }
    expect(checked).toBeGreaterThan(12);
  });

  it('is returned null when the arena has no room, and sizes one mirror per thread', () => {
    const placed = allocateTableMemory([8, 8], 1024)!;
    const [users, items] = placed.tables;
    const positives = UserItemSet.fromPairs({ users: new Int32Array(0), items: new Int32Array(0), userCount: 1 }); // prettier-ignore
    const parts = { random: new SeededRandom(1), itemCount: 1000, dim: 8, candidates: W };
    const rest = { positives, kind: 'dot' as const, memory: placed.tableMemory, users, items };
    expect(CandidateMirror.create({ ...parts, ...rest })).toBeNull();
    const options = {
      dim: 64,
      threads: 2,
      hardNegativeCandidates: 128,
      hardCandidateReuse: 1,
      negativeMix: { hardest: 1 },
    };
    expect(hardCandidateSourceBytes({ ...options, hardCandidateSource: 'mirror' }, 40981)).toBe(
      2 * candidateMirrorBytes(40981, 64, 128),
    );
    // About 2.6 MB of int8 rows per thread at Gowalla's size.
    expect(candidateMirrorBytes(40981, 64, 128)).toBeGreaterThan(40981 * 64);
    expect(candidateMirrorBytes(40981, 64, 128)).toBeLessThan(40981 * 64 + 40981 * 16);
    expect(hardCandidateSourceBytes({ ...options, hardCandidateSource: 'fresh' }, 40981)).toBe(0);
  });
});

describe('training with the candidate mirror', () => {
  specTrainingWithCopies('mirror', ['fresh', 'block']);
});
