import { UserItemSet } from '../data/user-item-set';
import type { GeometryKind } from '../geometry/row-geometry';
import { allocateTableMemory } from '../geometry/table-memory';
import { TrainingExample } from '../kernel/training-example';
import { SeededRandom } from '../random/seeded-random';
import { specTrainingWithCopies } from '../testing/copied-candidates-training.spec-helper';
import { CandidateBlock, candidateBlockBytes, candidateBlockEntries } from './candidate-block';
import { NegativeSampler } from './negative-sampler';
import { EuclideanGeometry } from '../geometry/euclidean-geometry';

const USERS = 4;
const ITEMS = 500;
const W = 16;

interface Setup {
  dim?: number;
  kind?: GeometryKind;
  entries?: number;
  reuse?: number;
  seed?: number;
  /** Each user's liked items. */
  liked?: number[][];
  /** Scores user u's picks against row anchorRow(u) of the user table (as train-time aggregation's mix). */
  anchorRow?: (user: number) => number;
  slicesPerPair?: number;
}

/** The next user's row: the stand-in for the mix train-time aggregation scores picks against. */
const nextUser = (user: number) => (user + 1) % USERS;

/** A block whose picks are scored against the next user's row (nobody likes anything). */
function setupAnchoredOnNextUser() {
  return setup({ anchorRow: nextUser, liked: [[], [], [], []] });
}

/** Random tables in a table memory with room for blocks, and a block over them. */
function setup(options: Setup = {}) {
  const { dim = 8, kind = 'squared-euclidean', entries = 4 * W, reuse = 1e9, seed = 5 } = options;
  const arena =
    4 *
    candidateBlockBytes({
      dim,
      threads: 1,
      hardNegativeCandidates: W,
      hardCandidateSource: 'block',
      hardCandidateReuse: 1,
      negativeMix: { hardest: 1 },
    });
  const placed = allocateTableMemory([USERS * dim, ITEMS * dim], arena)!;
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
  const parts = { random: new SeededRandom(seed), itemCount: ITEMS, dim, candidates: W };
  const anchorRow = options.anchorRow;
  const anchorAddress =
    anchorRow && ((user: number) => users.byteOffset + anchorRow(user) * dim * 4);
  const { slicesPerPair } = options;
  const rest = { positives, kind, memory: placed.tableMemory, users, items, entries, reuse, anchorAddress, slicesPerPair }; // prettier-ignore
  const block = CandidateBlock.create({ ...parts, ...rest })!;
  return { block, users, items, dim, positives };
}

/** Closeness of item `item` to user `user` in float64 from the live rows (larger = closer). */
function closeness(s: ReturnType<typeof setup>, kind: GeometryKind, user: number, item: number) {
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

/** What the pick over the slice at `first` must be: the closest entry the user does not like. */
function expectedPick(
  s: ReturnType<typeof setup>,
  kind: GeometryKind,
  user: number,
  first: number,
) {
  let best = -1;
  for (let e = first; e < first + W; e++) {
    const item = s.block.entryItems[e];
    if (s.positives.has(user, item)) continue;
    if (best < 0 || closeness(s, kind, user, item) > closeness(s, kind, user, best)) best = item;
  }
  return best;
}

/**
 * How far int8 rows (step max|c| / 127, error <= step / 2 per coordinate) can move a closeness:
 * |u . dc| <= ||u||_1 step / 2, twice for the two candidates compared (x 2 for distances, / |c| for cosine).
 */
function roundingBound(
  s: ReturnType<typeof setup>,
  kind: GeometryKind,
  user: number,
  first: number,
) {
  const { users, items, dim } = s;
  let userL1 = 0;
  for (let k = 0; k < dim; k++) userL1 += Math.abs(users[user * dim + k]);
  let worst = 0;
  for (let e = first; e < first + W; e++) {
    const item = s.block.entryItems[e];
    let max = 0;
    let norm = 0;
    for (let k = 0; k < dim; k++) {
      max = Math.max(max, Math.abs(items[item * dim + k]));
      norm += items[item * dim + k] ** 2;
    }
    const factor = kind === 'cosine' ? 1 / Math.sqrt(norm) : kind === 'dot' ? 1 : 2;
    worst = Math.max(worst, (factor * userL1 * max) / 254);
  }
  // The anchor's i16 rounding and f32 sums add a little on top.
  return 2 * worst * 1.01 + 1e-5;
}

/** `item` is the slice's closest entry (squared-euclidean) up to int8 rounding. */
function expectNearBest(s: ReturnType<typeof setup>, user: number, first: number, item: number) {
  const best = expectedPick(s, 'squared-euclidean', user, first);
  const gap =
    closeness(s, 'squared-euclidean', user, best) - closeness(s, 'squared-euclidean', user, item);
  expect(gap).toBeGreaterThanOrEqual(0);
  expect(gap).toBeLessThanOrEqual(roundingBound(s, 'squared-euclidean', user, first));
}

describe('CandidateBlock', () => {
  it.each<[GeometryKind, number]>([
    ['squared-euclidean', 8],
    ['euclidean', 64],
    ['dot', 8],
    ['cosine', 8],
    ['squared-euclidean', 6],
    ['cosine', 3],
  ])('picks the closest entry of the slice, up to int8 rounding (%s, dim %d)', (kind, dim) => {
    const s = setup({ kind, dim });
    let exact = 0;
    for (let pick = 0; pick < 40; pick++) {
      const user = pick % USERS;
      const item = s.block.pick(user, 0, true);
      const best = expectedPick(s, kind, user, s.block.lastSliceStart);
      if (item === best) exact++;
      const gap = closeness(s, kind, user, best) - closeness(s, kind, user, item);
      expect(gap).toBeGreaterThanOrEqual(0);
      expect(gap).toBeLessThanOrEqual(roundingBound(s, kind, user, s.block.lastSliceStart));
    }
    // Near-ties aside, the pick is the exact one.
    expect(exact).toBeGreaterThanOrEqual(32);
  });

  it('scores the row its anchor address gives (the mix of train-time aggregation), not the user row', () => {
    const s = setupAnchoredOnNextUser();
    let asNext = 0;
    let asSelf = 0;
    for (let pick = 0; pick < 40; pick++) {
      const user = pick % USERS;
      const item = s.block.pick(user, 0, true);
      const first = s.block.lastSliceStart;
      if (item === expectedPick(s, 'squared-euclidean', nextUser(user), first)) asNext++;
      if (item === expectedPick(s, 'squared-euclidean', user, first)) asSelf++;
    }
    expect(asNext).toBeGreaterThanOrEqual(32);
    expect(asSelf).toBeLessThan(asNext);
  });

  it("gives a user's picks disjoint slices, consecutive from a random one", () => {
    const s = setup({ entries: 8 * W });
    const starts: number[] = [];
    for (let pick = 0; pick < 8; pick++) {
      s.block.pick(1, 0, true);
      starts.push(s.block.lastSliceStart);
    }
    expect(new Set(starts).size).toBe(8);
    for (let k = 1; k < 8; k++) expect(starts[k]).toBe((starts[k - 1] + W) % (8 * W));
    // A new user starts at a random slice: over many users, more than one first slice.
    const firsts = new Set<number>();
    for (let visit = 0; visit < 20; visit++) {
      s.block.pick(2 + (visit % 2), 0, true);
      firsts.add(s.block.lastSliceStart);
    }
    expect(firsts.size).toBeGreaterThan(1);
  });

  it('copies fresh rows into the slice of a heavy user who has used every slice', () => {
    const s = setup({ entries: 2 * W });
    const copiedAtStart = s.block.rowsCopied;
    expect(copiedAtStart).toBe(2 * W);
    s.block.pick(1, 0, true);
    const third = s.block.lastSliceStart;
    s.block.pick(1, 0, true);
    expect(s.block.rowsCopied).toBe(copiedAtStart);
    const before = Array.from(s.block.entryItems.subarray(third, third + W));
    // The third pick comes back to a slice the user has scored: its rows are replaced first.
    const item = s.block.pick(1, 0, true);
    expect(s.block.lastSliceStart).toBe(third);
    expect(s.block.rowsCopied).toBe(copiedAtStart + W);
    const after = Array.from(s.block.entryItems.subarray(third, third + W));
    expect(after).not.toEqual(before);
    expectNearBest(s, 1, third, item);
  });

  it('replaces W / R rows per pick at a cursor going round the block', () => {
    const s = setup({ entries: 4 * W, reuse: 2 });
    const copiedAtStart = s.block.rowsCopied;
    // One pick of each of 4 users (never a heavy user): W / 2 = 8 rows due per pick, copied 32 at a time.
    for (let pick = 0; pick < 4; pick++) s.block.pick(pick, 0, true);
    expect(s.block.rowsCopied - copiedAtStart).toBe(32);
    for (let pick = 0; pick < 12; pick++) s.block.pick(pick % USERS, 0, true);
    expect(s.block.rowsCopied - copiedAtStart).toBe(128);
  });

  it('replaces W / (R x slices per pair) rows per pick when a pair scores several slices', () => {
    const s = setup({ entries: 4 * W, reuse: 2, slicesPerPair: 2 });
    const copiedAtStart = s.block.rowsCopied;
    // Two slices per pair: W / 4 = 4 rows due per pick, so 8 picks copy the 32 that one-slice pairs copy in 4.
    for (let pick = 0; pick < 4; pick++) s.block.pick(pick, 0, true);
    expect(s.block.rowsCopied - copiedAtStart).toBe(0);
    for (let pick = 4; pick < 8; pick++) s.block.pick(pick % USERS, 0, true);
    expect(s.block.rowsCopied - copiedAtStart).toBe(32);
  });

  it('keeps the copied rows in step with the table after a refresh', () => {
    const s = setup({ entries: 4 * W, reuse: 1 });
    for (let pick = 0; pick < 10; pick++) {
      const user = pick % USERS;
      const item = s.block.pick(user, 0, true);
      expectNearBest(s, user, s.block.lastSliceStart, item);
    }
  });

  it('never picks a liked item, and gives -1 to a user who likes every item', () => {
    const everything = Array.from({ length: ITEMS }, (_, item) => item);
    // User 0 likes every other item, user 1 every item.
    const liked = [everything.filter((item) => item % 2 === 0), everything, [], []];
    const s = setup({ liked, reuse: 4 });
    for (let pick = 0; pick < 200; pick++) {
      const item = s.block.pick(0, 0, pick % 2 === 0);
      expect(item).toBeGreaterThanOrEqual(0);
      expect(item % 2).toBe(1);
    }
    expect(s.block.pick(1, 0, true)).toBe(-1);
  });

  it('pickClosest takes the entries in the order of repeated scans for the closest (one-pass ranking)', () => {
    // Many liked items, so that some picks run past the ranked entries into the scans.
    const liked = Array.from({ length: 300 }, (_, i) => 2 * i);
    const s = setup({ liked: [liked, [], [], []] });
    const scores = (s.block as unknown as { out: Float32Array }).out;
    const into = new Int32Array(8);
    let pastRanked = 0;
    for (let pair = 0; pair < 40; pair++) {
      const count = 1 + (pair % 8);
      const found = s.block.pickClosest(0, 1, count, into);
      const first = s.block.lastSliceStart;
      // The reference: scan for the largest closeness not looked at, skip liked and repeated items.
      const taken = new Array<boolean>(W).fill(false);
      const expected: number[] = [];
      let looked = 0;
      while (expected.length < count) {
        let best = -1;
        for (let c = 0; c < W; c++) {
          if (!taken[c] && scores[c] > (best < 0 ? -Infinity : scores[best])) best = c;
        }
        if (best < 0) break;
        taken[best] = true;
        looked++;
        const item = s.block.entryItems[first + best];
        if (!s.positives.has(0, item) && !expected.includes(item)) expected.push(item);
      }
      if (looked > count + 4) pastRanked++;
      expect([...into.subarray(0, found)]).toEqual(expected);
    }
    expect(pastRanked).toBeGreaterThan(0);
  });

  it('pickClosest gives the closest unliked entries of the next slice, closest first', () => {
    const s = setup({ liked: [[1, 2, 3, 40, 41, 42], [], [], []] });
    const into = new Int32Array(5);
    for (let pair = 0; pair < 12; pair++) {
      const found = s.block.pickClosest(0, 1, 5, into);
      const first = s.block.lastSliceStart;
      expect(found).toBe(5);
      const picked = [...into.subarray(0, found)];
      expect(picked.some((item) => s.positives.has(0, item))).toBe(false);
      expect(new Set(picked).size).toBe(5);
      expectNearBest(s, 0, first, picked[0]);
      const bound = roundingBound(s, 'squared-euclidean', 0, first);
      const near = (item: number) => closeness(s, 'squared-euclidean', 0, item);
      for (let k = 1; k < found; k++) expect(near(picked[k])).toBeLessThanOrEqual(near(picked[k - 1]) + bound); // prettier-ignore
      // No unliked entry left out is closer than the last one taken (up to rounding).
      for (let e = first; e < first + W; e++) {
        const item = s.block.entryItems[e];
        if (picked.includes(item) || s.positives.has(0, item)) continue;
        expect(near(item)).toBeLessThanOrEqual(near(picked[found - 1]) + bound);
      }
    }
  });

  it('semi-hard picks the closest entry still farther than the positive', () => {
    const s = setup();
    const positive = 1;
    for (let pick = 0; pick < 8; pick++) {
      const user = 1 + (pick % 3);
      const item = s.block.pick(user, positive, false);
      const first = s.block.lastSliceStart;
      const bound = closeness(s, 'squared-euclidean', user, positive);
      const farther = Array.from(s.block.entryItems.subarray(first, first + W)).filter(
        (candidate) => closeness(s, 'squared-euclidean', user, candidate) < bound,
      );
      const closest = farther.reduce(
        (best, candidate) =>
          best < 0 ||
          closeness(s, 'squared-euclidean', user, candidate) >
            closeness(s, 'squared-euclidean', user, best)
            ? candidate
            : best,
        -1,
      );
      if (closest >= 0) expect(item).toBe(closest);
    }
  });

  it("bounds semi-hard picks by the positive's closeness to the anchor the entries are scored against", () => {
    const s = setupAnchoredOnNextUser();
    const positive = 1;
    let checked = 0;
    for (let pick = 0; pick < 24; pick++) {
      const user = pick % USERS;
      const item = s.block.pick(user, positive, false);
      const first = s.block.lastSliceStart;
      // The mix's stand-in is the next user's row: bound and candidates are measured from it.
      const near = (candidate: number) =>
        closeness(s, 'squared-euclidean', nextUser(user), candidate);
      const bound = near(positive);
      const farther = Array.from(s.block.entryItems.subarray(first, first + W)).filter(
        (candidate) => near(candidate) < bound - 1e-3,
      );
      if (farther.length === 0) continue;
      const closest = farther.reduce((best, candidate) =>
        near(candidate) > near(best) ? candidate : best,
      );
      expect(Math.abs(near(closest) - near(item))).toBeLessThanOrEqual(
        roundingBound(s, 'squared-euclidean', nextUser(user), first),
      );
      checked++;
    }
    expect(checked).toBeGreaterThan(12);
  });

  it('gives the same picks for the same seed', () => {
    const run = (seed: number) => {
      const s = setup({ seed, reuse: 2 });
      return Array.from({ length: 50 }, (_, pick) => s.block.pick(pick % USERS, 0, true));
    };
    expect(run(3)).toEqual(run(3));
    expect(run(3)).not.toEqual(run(4));
  });

  it('sizes the block to whole slices of about 1 MiB of int8 rows', () => {
    expect(candidateBlockEntries(64, 128)).toBe(16384);
    expect(candidateBlockEntries(64, 100) % 100).toBe(0);
    expect(candidateBlockEntries(4096, 4096)).toBe(4096);
    expect(candidateBlockEntries(6, 8)).toBe(65536);
  });

  it('is returned null when the arena has no room', () => {
    const placed = allocateTableMemory([8, 8], 1024)!;
    const [users, items] = placed.tables;
    const positives = UserItemSet.fromPairs({ users: new Int32Array(0), items: new Int32Array(0), userCount: 1 }); // prettier-ignore
    const block = CandidateBlock.create({
      random: new SeededRandom(1),
      itemCount: 1,
      dim: 8,
      candidates: W,
      positives,
      kind: 'dot',
      memory: placed.tableMemory,
      users,
      items,
    });
    expect(block).toBeNull();
  });
});

describe('NegativeSampler with a candidate block', () => {
  it('takes its hard picks from the block', () => {
    const s = setup({ reuse: 4 });
    const sampler = new NegativeSampler({
      random: new SeededRandom(2),
      itemCount: ITEMS,
      dim: s.dim,
      positives: s.positives,
      explicitNegatives: UserItemSet.fromPairs({ users: new Int32Array(0), items: new Int32Array(0), userCount: USERS }), // prettier-ignore
      popularity: null,
      geometry: new EuclideanGeometry({ anchors: s.users, others: s.items, dim: s.dim }),
      negativesPerPositive: 2,
      candidates: W,
      candidateReuse: 1,
      mix: { hardest: 1 },
      warmupEpochs: 0,
      block: s.block,
    });
    const example = new TrainingExample(2);
    example.user = 0;
    example.positive = 1;
    sampler.fill(example);
    expect(example.negativeCount).toBe(2);
    // The second negative is the pick of the user's second slice.
    expectNearBest(s, 0, s.block.lastSliceStart, example.negatives[1]);
    expect(s.positives.has(0, example.negatives[0])).toBe(false);
  });
});

describe('training with the candidate block', () => {
  specTrainingWithCopies('block', ['fresh']);
});
