import { SeededRandom } from '../random/seeded-random';
import {
  UserVisitReference,
  type VisitPick,
  type VisitProblem,
  type VisitState,
} from '../testing/user-visit-reference';
import {
  gumbelNoiseTable,
  loadUserVisitKernel,
  NOISE_TABLE_BYTES,
  NOISE_TABLE_SIZE,
  rankWeightTable,
  VISIT_CONTEXT_BYTES,
  VisitContext,
  visitScratchBytes,
} from './user-visit-kernel';

const f = Math.fround;
const ITEMS = 48;
const USERS = 14;
/** Users with special liked lists (the others like 1..10 random items). */
const NEARLY_ALL = USERS - 3; // likes every item but NOT_LIKED
const EVERY = USERS - 2; // likes every item: no negative can be found
const NOBODY = USERS - 1; // likes nothing: anchor = user row, no spread
const NOT_LIKED = 7;
/** A user with explicit triplets and no pairs: its visits are explicit triplets only. */
const EXPLICIT_ONLY = 0;

interface Scenario {
  dim: number;
  candidates: number;
  negatives: number;
  hardShare: number;
  maxNorm: number;
  cursorRowsPerPair: number;
  explicitWeight: number;
  /** The soft pick's t (0: the hardest). */
  temperature?: number;
}

/**
 * A random problem: tables, liked lists, pairs (one of weight 0) and explicit triplets (positives liked
 * or not, some negatives liked), each user's work items shuffled together, users in two shuffled passes.
 */
function buildProblem(
  scenario: Scenario,
  seed: number,
): { problem: VisitProblem; work: Int32Array } {
  const { dim, negatives } = scenario;
  const random = new SeededRandom(seed);
  const likes = Array.from({ length: USERS }, (_, user) => {
    if (user === NEARLY_ALL) return range(ITEMS).filter((item) => item !== NOT_LIKED);
    if (user === EVERY) return range(ITEMS);
    if (user === NOBODY) return [];
    return [...new Set(range(1 + random.nextInt(10)).map(() => random.nextInt(ITEMS)))].sort(
      (a, b) => a - b,
    );
  });
  const pairs = likes.flatMap((liked, user) =>
    (user === NOBODY ? [3, 19, 40] : user === EXPLICIT_ONLY ? [] : liked.slice(0, 12)).map(
      (item) => [user, item],
    ),
  );
  // a liked item half of the time (when there is one), else any item
  const someItem = (liked: number[]) =>
    liked.length > 0 && random.nextFloat() < 0.5
      ? liked[random.nextInt(liked.length)]
      : random.nextInt(ITEMS);
  const explicit = likes.flatMap((liked, user) =>
    range(user === EXPLICIT_ONLY ? 4 : random.nextInt(3)).map(() => [
      user,
      someItem(liked),
      someItem(liked),
    ]),
  );
  const pairWeights = Float32Array.from(pairs, () => 0.5 + random.nextFloat());
  pairWeights[pairs.findIndex(([user]) => user === NEARLY_ALL) + 2] = 0;
  const offsets = likes.reduce((acc, liked) => [...acc, acc[acc.length - 1] + liked.length], [0]);
  const normal = (n: number, scale: number) =>
    Float32Array.from(range(n), () => scale * random.nextNormal());
  const items = normal(ITEMS * dim, 0.15);
  // Twins: odd items start as copies of the even ones, so their scores tie and a pick must take the
  // earlier candidate.
  for (let item = 1; item < ITEMS; item += 2)
    items.copyWithin(item * dim, (item - 1) * dim, item * dim);
  const problem: VisitProblem = {
    ...scenario,
    itemCount: ITEMS,
    users: normal(USERS * dim, 0.15),
    items,
    userAcc: Float32Array.from(range(USERS), () => 0.05 * random.nextFloat()),
    itemAcc: Float32Array.from(range(ITEMS), () => 0.05 * random.nextFloat()),
    likedOffsets: Int32Array.from(offsets),
    likedItems: Int32Array.from(likes.flat()),
    shares: Float32Array.from(range(USERS), () => 0.2 + 0.6 * random.nextFloat()),
    pairUsers: Int32Array.from(pairs, ([user]) => user),
    pairItems: Int32Array.from(pairs, ([, item]) => item),
    pairWeights,
    explicitUsers: Int32Array.from(explicit, ([user]) => user),
    explicitPositives: Int32Array.from(explicit, ([, positive]) => positive),
    explicitNegatives: Int32Array.from(explicit, ([, , negative]) => negative),
    mirror: new Int8Array(ITEMS * dim),
    mirrorScale: new Float32Array(ITEMS),
    mirrorBias: new Float32Array(ITEMS),
    learningRate: 0.05,
    margin: 0.3,
    rankWeights: rankWeightTable(ITEMS, negatives),
  };
  const passes = [0, 1].flatMap(() => {
    const order = Int32Array.from(range(USERS));
    random.shuffle(order);
    return [...order].flatMap((user) => {
      const visit = Int32Array.from([
        ...range(pairs.length).filter((p) => pairs[p][0] === user),
        ...range(explicit.length)
          .filter((t) => explicit[t][0] === user)
          .map((t) => pairs.length + t),
      ]);
      random.shuffle(visit);
      return [...visit];
    });
  });
  return { problem, work: Int32Array.from(passes) };
}

/** The problem copied into a shared memory, with a context block, and the kernel over it. */
function placeInKernel(problem: VisitProblem, state: VisitState) {
  const memory = new WebAssembly.Memory({ initial: 32, maximum: 32, shared: true });
  let end = 64;
  const claim = (bytes: number) => {
    const at = end;
    end = Math.ceil((end + bytes) / 64) * 64;
    return at;
  };
  const ctxAt = claim(VISIT_CONTEXT_BYTES);
  const tables = { ...problem };
  // scalars as they are, arrays copied into the memory and given by address
  const values: Record<string, number> = { ...state };
  for (const [name, value] of Object.entries(problem)) {
    if (!ArrayBuffer.isView(value)) {
      values[name] = value as number;
      continue;
    }
    const array = value as Float32Array;
    values[name] = claim(array.byteLength);
    const view = new (array.constructor as Float32ArrayConstructor)(
      memory.buffer,
      values[name],
      array.length,
    );
    view.set(array);
    Object.assign(tables, { [name]: view });
  }
  values.scratch = claim(visitScratchBytes(problem.dim, problem.candidates));
  // written for the temperature (when > 0) by the context's write, as the trainer's is
  values.noiseTable = claim(NOISE_TABLE_BYTES);
  values.pairCount = problem.pairUsers.length;
  const workAt = claim(4096);
  const context = new VisitContext(memory, ctxAt).write(values);
  const kernel = loadUserVisitKernel(memory);
  return {
    tables,
    context,
    train(work: Int32Array) {
      new Int32Array(memory.buffer, workAt, work.length).set(work);
      kernel.trainVisits(ctxAt, workAt, work.length);
    },
    copyMirrorRows: (first: number, count: number) => kernel.copyMirrorRows(ctxAt, first, count),
    int32At: (at: number, count: number) => [...new Int32Array(memory.buffer, at, count)],
  };
}

function cloneProblem(problem: VisitProblem): VisitProblem {
  const entries = (Object.entries(problem) as [string, unknown][]).map(([name, value]) => [
    name,
    ArrayBuffer.isView(value) ? (value as Float32Array).slice() : value,
  ]);
  return Object.fromEntries(entries) as VisitProblem;
}

/** The user of work item w (pairs first, then explicit triplets). */
function userOf(problem: VisitProblem, w: number): number {
  const pairCount = problem.pairUsers.length;
  return w < pairCount ? problem.pairUsers[w] : problem.explicitUsers[w - pairCount];
}

function likesOf(problem: VisitProblem, user: number): number[] {
  return [
    ...problem.likedItems.subarray(problem.likedOffsets[user], problem.likedOffsets[user + 1]),
  ];
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  return range(a.length).reduce((max, i) => Math.max(max, Math.abs(a[i] - b[i])), 0);
}

/**
 * The kernel's tables and state are the reference's, bit for bit (the reference repeats the kernel's f32
 * operations in its order).
 */
function expectSameBits(
  kernel: ReturnType<typeof placeInKernel>,
  problem: VisitProblem,
  reference: UserVisitReference,
) {
  for (const name of ['users', 'items', 'userAcc', 'itemAcc'] as const) {
    expect(maxAbsDifference(kernel.tables[name], problem[name])).toBe(0);
  }
  expect(kernel.tables.mirror).toEqual(problem.mirror);
  expect(maxAbsDifference(kernel.tables.mirrorScale, problem.mirrorScale)).toBe(0);
  expect(maxAbsDifference(kernel.tables.mirrorBias, problem.mirrorBias)).toBe(0);
  const { rng, cursor, cursorDue, lossSum, tripletCount } = kernel.context.read();
  const expected = reference.state;
  expect({ rng, cursor, cursorDue, tripletCount }).toEqual({
    rng: expected.rng,
    cursor: expected.cursor,
    cursorDue: expected.cursorDue,
    tripletCount: expected.tripletCount,
  });
  expect(lossSum).toBe(expected.lossSum);
}

/**
 * The explicit triplets trained are exactly those of `work` whose negative the user does not like (none
 * when explicitWeight is 0), and the work covers every explicit case: a liked negative, a positive the
 * user does not like, visits mixing pairs and explicit triplets, and explicit triplets only.
 */
function expectExplicitCoverage(problem: VisitProblem, work: Int32Array, picks: VisitPick[]) {
  const pairCount = problem.pairUsers.length;
  const items = [...work].filter((w) => w >= pairCount).map((w) => w - pairCount);
  const likes = (t: number, item: number) =>
    likesOf(problem, problem.explicitUsers[t]).includes(item);
  const trains = items.filter((t) => !likes(t, problem.explicitNegatives[t]));
  expect(picks.filter((pick) => pick.explicit).map(({ user, item }) => [user, item])).toEqual(
    problem.explicitWeight === 0
      ? []
      : trains.map((t) => [problem.explicitUsers[t], problem.explicitNegatives[t]]),
  );
  expect(trains.length).toBeLessThan(items.length);
  expect(trains.some((t) => !likes(t, problem.explicitPositives[t]))).toBe(true);
  expect(trains.some((t) => problem.explicitUsers[t] === EXPLICIT_ONLY)).toBe(true);
  const kinds = (user: number) =>
    new Set([...work].filter((w) => userOf(problem, w) === user).map((w) => w >= pairCount));
  expect([...kinds(EXPLICIT_ONLY)]).toEqual([true]);
  expect(range(USERS).some((user) => kinds(user).size === 2)).toBe(true);
}

const START: VisitState = {
  rng: 0x9e3779b9,
  cursor: 5,
  cursorDue: 0.25,
  lossSum: 1.5,
  tripletCount: 3,
};

describe('user-visit.wat', () => {
  // A row of numbers in this order is a scenario; a row without the last (t) picks the hardest.
  const fields = [
    'dim',
    'candidates',
    'negatives',
    'hardShare',
    'maxNorm',
    'cursorRowsPerPair',
    'explicitWeight',
    'temperature',
  ] as const;
  const toScenario = (row: number[]): Scenario =>
    Object.fromEntries(fields.map((field, i) => [field, row[i] ?? 0])) as Record<
      (typeof fields)[number],
      number
    >;
  const scenarios: Scenario[] = [
    [16, 1, 1, 0.5, 1, 0.4, 0.7],
    [16, 128, 2, 1, 0, 1, 1.3],
    [32, 5, 3, 1, 1, 0.75, 0],
    [32, 13, 4, 0.5, 0.8, 1.7, 0.45],
    [64, 13, 2, 0, 1, 0.1, 1],
    [64, 128, 4, 0.5, 1, 2.5, 0.9],
    [64, 5, 1, 1, 0, 0.5, 2],
  ].map(toScenario);
  // Soft picks (hardNegativeTemperature): W 1, 5, 7 (a tail of 1 or 3 after whole groups) and 128, K 1
  // and 2, every share of hard picks.
  const softScenarios: Scenario[] = [0.05, 1].flatMap((temperature) =>
    [
      [16, 1, 1, 0.5, 1, 0.4, 0.7],
      [16, 7, 2, 1, 0, 1, 1.3],
      [64, 5, 1, 1, 0, 0.5, 2],
      [64, 128, 2, 0.5, 1, 2.5, 0.9],
    ].map((row) => toScenario([...row, temperature])),
  );

  it.each([...scenarios, ...softScenarios])(
    'trains as the reference: dim $dim, W $candidates, K $negatives, hardShare $hardShare, explicitWeight $explicitWeight, t $temperature',
    (scenario) => {
      const { problem, work } = buildProblem(scenario, scenario.dim * 1000 + scenario.candidates);
      const picks: VisitPick[] = [];
      const reference = new UserVisitReference(problem, { ...START }, (pick) => picks.push(pick));
      reference.copyMirrorRows(0, ITEMS);
      const initialItems = problem.items.slice();
      const kernel = placeInKernel(cloneProblem(problem), START);
      // A visit cut in two: a user's first pair ends the first call, the rest starts the second.
      const userAt = (i: number) => userOf(problem, work[i]);
      const cut =
        range(work.length).find((i) => i > work.length / 4 && userAt(i) === userAt(i + 1))! + 1;
      for (const part of [work.subarray(0, cut), work.subarray(cut)]) {
        kernel.train(part);
        reference.trainVisits(part);
        expectSameBits(kernel, problem, reference);
      }
      // The run trained something and went through every branch of the picks.
      expect(maxAbsDifference(problem.items, initialItems)).toBeGreaterThan(0.01);
      expect(reference.state.lossSum).toBeGreaterThan(START.lossSum);
      const drawn = picks.filter((pick) => !pick.explicit);
      expect(drawn.some((pick) => pick.item < 0)).toBe(true);
      // (with W = 1 a liked hardest leaves no other candidate)
      const fallsBack = scenario.hardShare > 0 && scenario.candidates > 1;
      expect(drawn.some((pick) => pick.hard && pick.fallback && pick.item >= 0)).toBe(fallsBack);
      expect(drawn.some((pick) => pick.hard && pick.fallback && pick.item < 0)).toBe(
        scenario.hardShare > 0,
      );
      expect(drawn.some((pick) => !pick.hard && pick.item >= 0)).toBe(scenario.hardShare < 1);
      expectExplicitCoverage(problem, work, picks);
      // A soft pick is not always the closest candidate (so the noise reached the picks both sides
      // agree on); at t = 0, or with one candidate, it always is.
      const hard = drawn.filter((pick) => pick.hard);
      const notClosest = hard.filter((pick) => pick.item !== pick.hardest).length;
      const soft = scenario.temperature! > 0 && scenario.candidates > 1;
      expect(notClosest > 0).toBe(soft);
      if (soft) expect(notClosest).toBeLessThan(hard.length);
    },
  );

  it('follows a temperature changed between calls (the noise table rewritten), and t 0 after it', () => {
    const scenario = softScenarios[5]; // W 7, K 2, t 1 to start with
    const { problem, work } = buildProblem(scenario, 29);
    const picks: VisitPick[] = [];
    const reference = new UserVisitReference(problem, { ...START }, (pick) => picks.push(pick));
    reference.copyMirrorRows(0, ITEMS);
    const kernel = placeInKernel(cloneProblem(problem), START);
    const third = Math.floor(work.length / 3);
    const parts: [number, Int32Array][] = [
      [1, work.subarray(0, third)],
      [0.05, work.subarray(third, 2 * third)],
      [0, work.subarray(2 * third)],
    ];
    for (const [temperature, part] of parts) {
      problem.temperature = temperature;
      kernel.context.write({ temperature });
      const before = picks.length;
      kernel.train(part);
      reference.trainVisits(part);
      expectSameBits(kernel, problem, reference);
      // at t 0 (the table of 0.05 left in place) every pick is the closest again
      const hard = picks.slice(before).filter((pick) => pick.hard && !pick.explicit);
      expect(hard.length).toBeGreaterThan(10);
      expect(hard.some((pick) => pick.item !== pick.hardest)).toBe(temperature > 0);
    }
  });

  it("draws each soft pick from softmax(score / t) over its candidates (Gumbel-max), the kernel's and the reference's alike", () => {
    // Two items, W 8 uniform candidates, so n of them are item 1 with n ~ Binomial(8, 1/2), and the
    // anchor scores item 0 higher by D = 0.08 (scores h . x - 0.5 ||x||^2: 0.125 and 0.045). Softmax
    // over the candidates picks item 1 with probability n e^(-D/t) / (8 - n + n e^(-D/t)). Without
    // noise item 1 is picked only when all 8 candidates are item 1 (1/256); noise of the wrong sign
    // (s - t G) picks it with ~0.03 at t = D / 2 and ~0.15 at t = D instead of 0.145 and 0.294.
    const dim = 16;
    const D = 0.08;
    const W = 8;
    const row = (x0: number, x1: number) =>
      Float32Array.from(range(dim), (i) => (i === 0 ? x0 : i === 1 ? x1 : 0));
    const shareOfItem1 = (temperature: number) => {
      const pairs = 4000;
      const problem: VisitProblem = {
        dim,
        itemCount: 2,
        users: row(0.5, 0),
        items: Float32Array.of(...row(0.5, 0), ...row(0.5, 0.4)),
        userAcc: new Float32Array(1),
        itemAcc: new Float32Array(2),
        likedOffsets: Int32Array.of(0, 0), // likes nothing: the anchor is the user row
        likedItems: new Int32Array(0),
        shares: new Float32Array(1),
        pairUsers: new Int32Array(1),
        pairItems: new Int32Array(1),
        pairWeights: Float32Array.of(1),
        explicitUsers: new Int32Array(0),
        explicitPositives: new Int32Array(0),
        explicitNegatives: new Int32Array(0),
        explicitWeight: 0,
        mirror: new Int8Array(2 * dim),
        mirrorScale: new Float32Array(2),
        mirrorBias: new Float32Array(2),
        candidates: W,
        negatives: 4,
        learningRate: 0.05,
        margin: -10, // no hinge is active: nothing moves, every pick sees the same scores
        maxNorm: 0,
        hardShare: 1,
        rankWeights: rankWeightTable(2, 4),
        cursorRowsPerPair: 0,
        temperature,
      };
      const picks: number[] = [];
      const reference = new UserVisitReference(problem, { ...START }, (pick) =>
        picks.push(pick.item),
      );
      reference.copyMirrorRows(0, 2);
      // The kernel's own picks: one pair a call, its K picks read from the scratch after it (the ids
      // after seven f32 rows and the i16 anchor: 7 · 64 + 64 bytes at dim 16).
      const kernel = placeInKernel(cloneProblem(problem), START);
      kernel.copyMirrorRows(0, 2);
      const picksAt = kernel.context.get('scratch') + 7 * dim * 4 + 64;
      const kernelPicks: number[] = [];
      for (let p = 0; p < pairs; p++) {
        reference.trainVisits(Int32Array.of(0));
        kernel.train(Int32Array.of(0));
        kernelPicks.push(...kernel.int32At(picksAt, 4));
      }
      expect(picks.length).toBe(4 * pairs);
      expect(kernelPicks).toEqual(picks);
      return kernelPicks.filter((item) => item === 1).length / kernelPicks.length;
    };
    const expected = (t: number) => {
      const e = Math.exp(-D / t);
      const choose = (n: number) => range(n).reduce((c, i) => (c * (W - i)) / (i + 1), 1);
      return range(W + 1).reduce(
        (sum, n) => sum + (choose(n) / 2 ** W) * ((n * e) / (W - n + n * e)),
        0,
      );
    };
    // t small: the closest candidate (item 0 whenever it is one), as without noise
    expect(shareOfItem1(0.002)).toBeLessThan(0.01);
    expect(Math.abs(shareOfItem1(0) - 1 / 256)).toBeLessThan(0.003);
    // t near the score gap: often not the closest, as often as the softmax says (16,000 picks: a
    // standard error below 0.004)
    for (const t of [D / 2, D]) {
      const share = shareOfItem1(t);
      expect(share).toBeGreaterThan(0.1);
      expect(Math.abs(share - expected(t))).toBeLessThan(0.02);
    }
    expect([expected(D / 2), expected(D)].map((p) => Math.round(p * 1000))).toEqual([145, 294]);
  });

  it('tabulates t times standard Gumbel noise: increasing, mean and variance of the distribution', () => {
    const gumbel = gumbelNoiseTable(1);
    expect(gumbel.length).toBe(NOISE_TABLE_SIZE);
    expect(NOISE_TABLE_BYTES).toBe(4 * 4096);
    expect(range(NOISE_TABLE_SIZE - 1).every((i) => gumbel[i + 1] > gumbel[i])).toBe(true);
    // G_i = -ln(-ln((i + 0.5) / 4096)), f32: the middle quantiles of 4096 equal slices
    expect(gumbel[0]).toBe(f(-Math.log(Math.log(8192))));
    expect(gumbel[2048]).toBe(f(-Math.log(-Math.log(2048.5 / 4096))));
    expect(gumbel[4095]).toBeCloseTo(9.011, 3);
    // mean Euler's gamma 0.5772, variance pi^2 / 6
    const mean = gumbel.reduce((sum, g) => sum + g, 0) / NOISE_TABLE_SIZE;
    const variance = gumbel.reduce((sum, g) => sum + (g - mean) ** 2, 0) / NOISE_TABLE_SIZE;
    expect(Math.abs(mean - 0.5772)).toBeLessThan(0.01);
    expect(Math.abs(variance - Math.PI ** 2 / 6)).toBeLessThan(0.05);
    // t times G rounded once to f32, t taken as f32 (as the kernel reads it)
    const table = gumbelNoiseTable(0.05);
    const exact = (i: number) => f(0.05) * -Math.log(-Math.log((i + 0.5) / NOISE_TABLE_SIZE));
    expect(range(NOISE_TABLE_SIZE).every((i) => table[i] === f(exact(i)))).toBe(true);
    expect(range(NOISE_TABLE_SIZE - 1).every((i) => table[i + 1] > table[i])).toBe(true);
  });

  it.each([1, 0])(
    'never trains an item the user likes as a negative (hardShare %d)',
    (hardShare) => {
      const scenario = {
        dim: 32,
        candidates: 13,
        negatives: 4,
        hardShare,
        maxNorm: 0,
        cursorRowsPerPair: 1,
        explicitWeight: 1,
      };
      const { problem } = buildProblem(scenario, 7);
      // NEARLY_ALL likes all but NOT_LIKED: with g = 0 nothing is spread, so besides its positive only
      // negatives move; a margin of 10 makes every hinge active.
      const positive = 20;
      const pairs = range(30).map((p) => problem.pairUsers.indexOf(NEARLY_ALL) + (p % 3));
      problem.pairItems.fill(positive);
      problem.pairWeights.fill(1);
      problem.shares.fill(0);
      problem.margin = 10;
      const kernel = placeInKernel(problem, START);
      kernel.copyMirrorRows(0, ITEMS);
      const before = problem.items.slice();
      kernel.train(Int32Array.from(pairs));
      const moved = range(ITEMS).filter((item) =>
        range(scenario.dim).some(
          (i) => kernel.tables.items[item * scenario.dim + i] !== before[item * scenario.dim + i],
        ),
      );
      expect(moved).toEqual([NOT_LIKED, positive].sort((a, b) => a - b));
      expect(kernel.tables.itemAcc[NOT_LIKED]).not.toBe(problem.itemAcc[NOT_LIKED]);
    },
  );

  it('changes nothing but the mirror cursor when no hinge is active (margin -10)', () => {
    const scenario = {
      dim: 16,
      candidates: 13,
      negatives: 2,
      hardShare: 0.5,
      maxNorm: 1,
      cursorRowsPerPair: 1.5,
      explicitWeight: 1,
    };
    const { problem, work } = buildProblem({ ...scenario }, 11);
    problem.margin = -10;
    const kernel = placeInKernel(problem, START);
    kernel.copyMirrorRows(0, ITEMS);
    const before = cloneProblem(kernel.tables);
    kernel.train(work);
    for (const name of [
      'users',
      'items',
      'userAcc',
      'itemAcc',
      'mirror',
      'mirrorScale',
      'mirrorBias',
    ] as const) {
      expect(kernel.tables[name]).toEqual(before[name]);
    }
    // The cursor moves 1.5 rows per pair trained; the weight-0 pair and explicit triplets move it not.
    let { cursor, cursorDue } = START;
    for (const w of work) {
      if (w >= problem.pairUsers.length || problem.pairWeights[w] === 0) continue;
      for (cursorDue = f(cursorDue + 1.5); cursorDue >= 1; cursorDue = f(cursorDue - 1))
        cursor = (cursor + 1) % ITEMS;
    }
    const after = kernel.context.read();
    expect({ cursor: after.cursor, cursorDue: after.cursorDue }).toEqual({ cursor, cursorDue });
    expect(after.lossSum).toBe(START.lossSum);
    expect(after.tripletCount).toBeGreaterThan(START.tripletCount);
    expect(after.rng).not.toBe(START.rng);
  });

  it.each([
    [0, 0.7],
    [0.5, 0.7],
    [0.5, 0],
  ])(
    'trains explicit triplets alone: their rows move, nothing is drawn, the cursor stays (g %d, weight %d)',
    (share, explicitWeight) => {
      // K 3, every negative a hard pick, 1.5 cursor rows per pair: any draw or cursor step would show.
      // No max-norm: only the steps themselves move rows.
      const { problem } = buildProblem(
        { ...scenarios[2], maxNorm: 0, cursorRowsPerPair: 1.5, explicitWeight },
        13,
      );
      const { dim } = problem;
      const unliked = (user: number) =>
        range(ITEMS).filter((item) => !likesOf(problem, user).includes(item));
      // [user, positive, negative]: user 1 twice (one visit), once with a positive it does not like
      const trained = [
        [1, likesOf(problem, 1)[0], unliked(1)[0]],
        [1, unliked(1)[1], unliked(1)[2]],
        [2, likesOf(problem, 2)[0], unliked(2)[3]],
        [NOBODY, 5, 6],
      ];
      // negatives the users like: never trained
      const skipped = [
        [3, unliked(3)[4], likesOf(problem, 3)[0]],
        [EVERY, 9, 10],
      ];
      const triplets = [...trained, ...skipped];
      problem.explicitUsers = Int32Array.from(triplets, ([user]) => user);
      problem.explicitPositives = Int32Array.from(triplets, ([, positive]) => positive);
      problem.explicitNegatives = Int32Array.from(triplets, ([, , negative]) => negative);
      problem.shares.fill(share);
      problem.margin = 10; // every hinge active
      const pairCount = problem.pairUsers.length;
      const kernel = placeInKernel(problem, START);
      kernel.copyMirrorRows(0, ITEMS);
      const before = cloneProblem(kernel.tables);
      kernel.train(Int32Array.from([0, 1, 4, 5, 2, 3], (t) => pairCount + t));
      const moved = (name: 'users' | 'items', rows: number) =>
        range(rows).filter((row) =>
          range(dim).some(
            (i) => kernel.tables[name][row * dim + i] !== before[name][row * dim + i],
          ),
        );
      const sorted = (rows: number[]) => [...new Set(rows)].sort((a, b) => a - b);
      const active = explicitWeight > 0 ? trained : [];
      const spread = share > 0 ? active.flatMap(([user]) => likesOf(problem, user)) : [];
      expect(moved('users', USERS)).toEqual(sorted(active.map(([user]) => user)));
      expect(moved('items', ITEMS)).toEqual(
        sorted([...active.flatMap(([, positive, negative]) => [positive, negative]), ...spread]),
      );
      const after = kernel.context.read();
      const { rng, cursor, cursorDue, tripletCount } = START;
      expect(after).toMatchObject({ rng, cursor, cursorDue: f(cursorDue) });
      expect(after.tripletCount).toBe(tripletCount + active.length);
      expect(after.lossSum > START.lossSum).toBe(active.length > 0);
    },
  );

  it('weights an explicit triplet by explicitWeight and the rank weight of one negative', () => {
    const { problem } = buildProblem({ ...scenarios[3], explicitWeight: 0.6 }, 17); // K 4
    const { dim } = problem;
    const [positive, negative] = [4, 9]; // not twins: dp and dn differ
    problem.explicitUsers = Int32Array.of(NOBODY); // no liked items: the anchor is the user row
    problem.explicitPositives = Int32Array.of(positive);
    problem.explicitNegatives = Int32Array.of(negative);
    problem.margin = 1;
    const row = (table: Float32Array, at: number) => table.subarray(at * dim, (at + 1) * dim);
    const distance = (a: Float32Array, b: Float32Array) =>
      Math.hypot(...range(dim).map((i) => a[i] - b[i]));
    const user = row(problem.users, NOBODY);
    const v =
      distance(user, row(problem.items, positive)) -
      distance(user, row(problem.items, negative)) +
      1;
    const kernel = placeInKernel(problem, START);
    kernel.train(Int32Array.of(problem.pairUsers.length));
    // rank weight log1p((N - 1) · 1 / 1) / 1: one negative found, one active, whatever K is
    const loss = kernel.context.read().lossSum - START.lossSum;
    expect(Math.abs(v - 1)).toBeGreaterThan(0.01);
    expect(loss).toBeCloseTo(0.6 * Math.log1p(ITEMS - 1) * v, 4);
  });

  it('copyMirrorRows quantises rows [first, first + count) within half a step', () => {
    const dim = 32;
    const { problem } = buildProblem({ ...scenarios[2], dim }, 3);
    problem.items.fill(0, 3 * dim, 4 * dim); // a zero row
    problem.items.set(
      range(dim).map((i) => (i === 0 ? 127 : (i % 2 ? -1 : 1) * (i + 0.5))),
      4 * dim,
    ); // ties
    problem.items.set(
      range(dim).map((i) => 1000 * (i - 16)),
      5 * dim,
    ); // large values
    problem.mirror.fill(99);
    problem.mirrorScale.fill(-1);
    problem.mirrorBias.fill(-1);
    const kernel = placeInKernel(problem, START);
    kernel.copyMirrorRows(2, 6);
    const { items, mirror, mirrorScale, mirrorBias } = kernel.tables;
    for (let item = 0; item < ITEMS; item++) {
      const row = items.subarray(item * dim, (item + 1) * dim);
      const copy = mirror.subarray(item * dim, (item + 1) * dim);
      if (item < 2 || item >= 8) {
        expect([...copy, mirrorScale[item], mirrorBias[item]]).toEqual([
          ...new Array(dim).fill(99),
          -1,
          -1,
        ]);
        continue;
      }
      const scale = f(Math.max(...row.map(Math.abs)) / 127);
      expect(mirrorScale[item]).toBe(scale);
      row.forEach((x, i) =>
        expect(Math.abs(x - scale * copy[i])).toBeLessThanOrEqual(scale / 2 + 1e-6 * Math.abs(x)),
      );
      // -0.5 ||x||² in f32, four lanes of coordinates i = l mod 4 added as (l0 + l1) + (l2 + l3)
      const lanes = [0, 0, 0, 0];
      row.forEach((x, i) => (lanes[i % 4] = f(lanes[i % 4] + f(x * x))));
      expect(mirrorBias[item]).toBe(f(-0.5 * f(f(lanes[0] + lanes[1]) + f(lanes[2] + lanes[3]))));
    }
    expect([...mirror.subarray(4 * dim, 4 * dim + 4)]).toEqual([127, -2, 2, -4]); // 1.5 -> 2, 2.5 -> 2, 3.5 -> 4
    expect([...mirror.subarray(3 * dim, 4 * dim)]).toEqual(new Array(dim).fill(0));
  });

  it('lays out the context block, the rank weights and the noise table', () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
    const context = new VisitContext(memory, 128).write({
      rng: 0xfedcba98,
      lossSum: 0.1,
      hardShare: 0.3,
      pairCount: 77,
      explicitNegatives: 4096,
      explicitWeight: 0.3,
      temperature: 0.25,
      noiseTable: 1024,
    });
    expect(new Uint32Array(memory.buffer, 128 + 92, 1)[0]).toBe(0xfedcba98);
    expect(new Float64Array(memory.buffer, 128 + 112, 1)[0]).toBe(0.1);
    expect([...new Int32Array(memory.buffer, 128 + 128, 4)]).toEqual([77, 0, 0, 4096]);
    expect(new Float32Array(memory.buffer, 128 + 144, 1)[0]).toBe(f(0.3));
    expect(new Float32Array(memory.buffer, 128 + 152, 1)[0]).toBe(0.25);
    expect(new Int32Array(memory.buffer, 128 + 156, 1)[0]).toBe(1024);
    // the table of the temperature written, rewritten when it changes, left alone at t 0
    const noise = () => new Float32Array(memory.buffer, 1024, NOISE_TABLE_SIZE);
    expect(noise()).toEqual(gumbelNoiseTable(0.25));
    context.write({ temperature: 0.05 });
    expect(noise()).toEqual(gumbelNoiseTable(0.05));
    context.write({ temperature: 0 });
    expect(noise()).toEqual(gumbelNoiseTable(0.05));
    const untabled = new VisitContext(memory, 64 * 1024 - 256);
    expect(() => untabled.write({ temperature: 0.05 })).toThrow(RangeError);
    expect(() => untabled.write({ temperature: 0 })).not.toThrow();
    expect(VISIT_CONTEXT_BYTES).toBe(192);
    expect(context.read()).toMatchObject({
      rng: 0xfedcba98,
      lossSum: 0.1,
      hardShare: f(0.3),
      dim: 0,
    });
    context.hardShare = 0.75;
    context.tripletCount = 12;
    expect([context.hardShare, context.lossSum, context.tripletCount]).toEqual([0.75, 0.1, 12]);
    expect(new Float64Array(memory.buffer, 128 + 120, 1)[0]).toBe(12);
    expect(() => context.write({ dim: 24 })).toThrow(RangeError);
    expect(() => context.write({ negatives: 5 })).toThrow(RangeError);
    expect(() => new VisitContext(memory, 96)).toThrow(RangeError);
    expect(visitScratchBytes(64, 128)).toBe(7 * 256 + 128 + 64 + 3 * 512);
    expect(visitScratchBytes(16, 5)).toBe(7 * 64 + 64 + 64 + 3 * 64);
    const table = rankWeightTable(101, 2);
    expect([...table]).toEqual([Math.log1p(100), 0, Math.log1p(50), Math.log1p(100) / 2].map(f));
  });
});
