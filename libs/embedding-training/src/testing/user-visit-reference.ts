import { gumbelNoiseTable, NOISE_TABLE_BITS } from '../user-visits/user-visit-kernel';

/**
 * The computation of `assembly/user-visit.wat` (see src/user-visits/user-visit-kernel.ts) in scalar
 * TypeScript over plain typed arrays, for the kernel's spec: the same random draws, the same order of
 * updates, and f32 arithmetic (Math.fround after every operation). Row sums keep the kernel's four lanes
 * (lane l adds coordinates l, l + 4, ... in order; the lanes are added as (l0 + l1) + (l2 + l3)), so the
 * two compute the same bits and every discrete choice (a pick, an active hinge) is the same.
 */
const f = Math.fround;
const DISTANCE_EPSILON = f(1e-12);
const ADAGRAD_EPSILON = f(1e-8);
/** i16 levels of the quantised anchor: 16383 · 127 · 1024 < 2^31. */
const ANCHOR_LEVELS = 16383;
const UNIFORM_TRIES = 64;

/**
 * The tables and settings a call reads (the context block's arrays as typed arrays; its pairCount is
 * pairUsers.length).
 */
export interface VisitProblem {
  dim: number;
  itemCount: number;
  /** [userCount, dim] */
  users: Float32Array;
  /** [itemCount, dim] */
  items: Float32Array;
  userAcc: Float32Array;
  itemAcc: Float32Array;
  likedOffsets: Int32Array;
  likedItems: Int32Array;
  shares: Float32Array;
  pairUsers: Int32Array;
  pairItems: Int32Array;
  pairWeights: Float32Array;
  /** [explicitCount]: work item pairCount + t is the explicit triplet t. */
  explicitUsers: Int32Array;
  explicitPositives: Int32Array;
  explicitNegatives: Int32Array;
  explicitWeight: number;
  /** [itemCount, dim] int8 */
  mirror: Int8Array;
  mirrorScale: Float32Array;
  mirrorBias: Float32Array;
  candidates: number;
  negatives: number;
  learningRate: number;
  margin: number;
  maxNorm: number;
  hardShare: number;
  /** f32 [K · K], rankWeightTable */
  rankWeights: Float32Array;
  cursorRowsPerPair: number;
  /**
   * t of the soft hard pick (default 0: the hardest): > 0 perturbs each candidate's score by t times
   * Gumbel noise, the entry of `gumbelNoiseTable(t)` that the low bits of its id's product index, and
   * picks the highest.
   */
  temperature?: number;
}

/** What a call reads and writes back. */
export interface VisitState {
  rng: number;
  cursor: number;
  cursorDue: number;
  lossSum: number;
  tripletCount: number;
}

/**
 * One negative drawn: the item (-1: none), whether it was a hard pick and fell back from a liked item;
 * or an explicit triplet's own negative that trains (explicit, neither hard nor a fallback).
 */
export interface VisitPick {
  user: number;
  item: number;
  hard: boolean;
  fallback: boolean;
  explicit: boolean;
  /**
   * A hard pick's candidate of the highest unperturbed score that the user does not like (-1: none):
   * the pick itself at temperature 0.
   */
  hardest?: number;
}

/** The kernel's two exports over `problem` (tables updated in place) and `state`. */
export class UserVisitReference {
  private readonly mean: Float32Array;
  private readonly anchor: Float32Array;
  private readonly quantised: Int32Array;
  private readonly gradAnchor: Float32Array;
  private readonly gradPositive: Float32Array;
  private readonly gradNegative: Float32Array;
  private readonly pending: Float32Array;
  private anchorStep = 0;
  private share = 0;
  private keep = 1;
  private liked: Int32Array = new Int32Array(0);
  /** The noise table of the temperature it was built for (rebuilt when the problem's t changes). */
  private noise: { temperature: number; table: Float32Array } = {
    temperature: 0,
    table: new Float32Array(0),
  };

  constructor(
    private readonly problem: VisitProblem,
    readonly state: VisitState,
    /** Told of every negative drawn or given (for the spec's checks). */
    private readonly onPick: (pick: VisitPick) => void = () => {},
  ) {
    const row = () => new Float32Array(problem.dim);
    this.mean = row();
    this.anchor = row();
    this.quantised = new Int32Array(problem.dim);
    this.gradAnchor = row();
    this.gradPositive = row();
    this.gradNegative = row();
    this.pending = row();
  }

  /**
   * trainVisits: the work items `work` in order (pairs below pairCount, then explicit triplets), a run of
   * one user's items being a visit.
   */
  trainVisits(work: ArrayLike<number>): void {
    for (let i = 0; i < work.length;) {
      const user = this.userOf(work[i]);
      let end = i + 1;
      while (end < work.length && this.userOf(work[end]) === user) end++;
      this.trainVisit(
        user,
        Array.from({ length: end - i }, (_, j) => work[i + j]),
      );
      i = end;
    }
  }

  /** copyMirrorRows: re-quantises item rows [first, first + count). */
  copyMirrorRows(first: number, count: number): void {
    for (let item = first; item < first + count; item++) this.copyRow(item);
  }

  private userOf(w: number): number {
    const { pairUsers, explicitUsers } = this.problem;
    return w < pairUsers.length ? pairUsers[w] : explicitUsers[w - pairUsers.length];
  }

  private trainVisit(user: number, work: number[]): void {
    const { likedOffsets, likedItems, shares, pairItems, pairWeights } = this.problem;
    const pairCount = this.problem.pairUsers.length;
    this.liked = likedItems.subarray(likedOffsets[user], likedOffsets[user + 1]);
    const k = this.liked.length;
    this.share = k > 0 ? shares[user] : 0;
    this.keep = f(1 - this.share);
    // Without a mix (g = 0) neither the mean nor the spread is needed.
    if (this.share === 0) this.mean.fill(0);
    else this.meanOfLiked();
    this.pending.fill(0);
    let active = false;
    for (const w of work) {
      if (w >= pairCount) {
        active = this.trainExplicit(user, w - pairCount) || active;
        continue;
      }
      const weight = pairWeights[w];
      if (weight === 0) continue;
      active = this.trainPair(user, pairItems[w], weight) || active;
      this.advanceCursor();
    }
    if (!active || this.share === 0) return;
    const inv = f(1 / k);
    const spread = this.pending.map((x) => f(inv * x));
    for (const item of this.liked)
      this.adagrad(this.problem.items, this.problem.itemAcc, item, spread);
  }

  private meanOfLiked(): void {
    const { items, dim } = this.problem;
    this.mean.fill(0);
    if (this.liked.length === 0) return;
    for (const item of this.liked) {
      for (let i = 0; i < dim; i++) this.mean[i] = f(this.mean[i] + items[item * dim + i]);
    }
    const inv = f(1 / this.liked.length);
    for (let i = 0; i < dim; i++) this.mean[i] = f(this.mean[i] * inv);
  }

  private trainPair(user: number, item: number, weight: number): boolean {
    this.setAnchor(user);
    const picks = Array.from({ length: this.problem.negatives }, () => this.drawNegative(user));
    return this.trainPicks(user, item, weight, picks);
  }

  /**
   * Explicit triplet t: its own negative alone (no draws, no cursor copy), so rank weight entry 0;
   * skipped when its weight is 0 or the user likes the negative.
   */
  private trainExplicit(user: number, t: number): boolean {
    const { explicitPositives, explicitNegatives } = this.problem;
    const weight = f(this.problem.explicitWeight);
    const negative = explicitNegatives[t];
    if (weight === 0 || this.isLiked(negative)) return false;
    this.setAnchor(user);
    this.onPick({ user, item: negative, hard: false, fallback: false, explicit: true });
    return this.trainPicks(user, explicitPositives[t], weight, [negative]);
  }

  /** The hinge and steps of a positive against `picks` (-1: none found), the anchor being set. */
  private trainPicks(user: number, item: number, weight: number, picks: number[]): boolean {
    const { items, dim, negatives, rankWeights } = this.problem;
    const found = picks.filter((n) => n >= 0);
    if (found.length === 0) return false;
    this.state.tripletCount += found.length;
    const dp = this.distance(items, item);
    const margin = f(this.problem.margin);
    // every distance is taken before any row moves
    const actives = found.map((n) => this.hinge(dp, n, margin)).filter((h) => h.v > 0);
    if (actives.length === 0) return false;
    const index = (found.length - 1) * negatives + actives.length - 1;
    const s = f(weight * rankWeights[index]);
    const sum = actives.reduce((total, h) => f(total + h.v), 0);
    this.state.lossSum += f(s * sum);
    const c = f(f(s * actives.length) / dp);
    for (let i = 0; i < dim; i++) {
      const x = f(c * f(this.anchor[i] - items[item * dim + i]));
      this.gradAnchor[i] = x;
      this.gradPositive[i] = -x;
    }
    for (const h of actives) this.stepNegative(h.n, f(s / h.dn));
    this.adagrad(items, this.problem.itemAcc, item, this.gradPositive);
    this.copyRow(item);
    this.stepUser(user);
    return true;
  }

  private hinge(dp: number, n: number, margin: number) {
    const dn = this.distance(this.problem.items, n);
    return { n, dn, v: f(f(dp - dn) + margin) };
  }

  private setAnchor(user: number): void {
    const { users, dim } = this.problem;
    let max = 0;
    for (let i = 0; i < dim; i++) {
      const x = f(f(this.keep * users[user * dim + i]) + f(this.share * this.mean[i]));
      this.anchor[i] = x;
      max = Math.max(max, Math.abs(x));
    }
    this.anchorStep = f(max / ANCHOR_LEVELS);
    const inv = max > 0 ? f(ANCHOR_LEVELS / max) : 0;
    for (let i = 0; i < dim; i++) this.quantised[i] = roundHalfEven(f(this.anchor[i] * inv));
  }

  private drawNegative(user: number): number {
    const hard = (this.next() >>> 8) / 16777216 < f(this.problem.hardShare);
    const pick = hard ? this.pickHard() : { item: this.pickUniform(), fallback: false };
    this.onPick({ user, hard, explicit: false, ...pick });
    return pick.item;
  }

  private pickHard(): { item: number; fallback: boolean; hardest: number } {
    const { candidates, mirror, mirrorScale, mirrorBias, dim } = this.problem;
    const t = f(this.problem.temperature ?? 0);
    // one draw per candidate whatever t: its id the product's high half, its noise index the low half's
    // top bits
    const draws = Array.from({ length: candidates }, () => this.drawProduct());
    const ids = draws.map((draw) => draw.id);
    const noise = t > 0 ? this.noiseTable(t) : null;
    const unperturbed = ids.map((id) => {
      let sum = 0;
      for (let i = 0; i < dim; i++) sum += this.quantised[i] * mirror[id * dim + i];
      return f(f(f(f(sum) * this.anchorStep) * mirrorScale[id]) + mirrorBias[id]);
    });
    const scores = unperturbed.map((score, c) =>
      noise === null ? score : f(score + noise[draws[c].low >>> (32 - NOISE_TABLE_BITS)]),
    );
    const closest = bestOf(unperturbed, (c) => !this.isLiked(ids[c]));
    const hardest = closest < 0 ? -1 : ids[closest];
    const best = bestOf(scores, () => true);
    if (best < 0 || !this.isLiked(ids[best]))
      return { item: best < 0 ? -1 : ids[best], fallback: false, hardest };
    const unliked = bestOf(scores, (c) => !this.isLiked(ids[c]));
    return { item: unliked < 0 ? -1 : ids[unliked], fallback: true, hardest };
  }

  private pickUniform(): number {
    for (let tries = 0; tries < UNIFORM_TRIES; tries++) {
      const id = this.drawItem();
      if (!this.isLiked(id)) return id;
    }
    return -1;
  }

  private stepNegative(n: number, c: number): void {
    const { items, dim } = this.problem;
    for (let i = 0; i < dim; i++) {
      const x = f(c * f(this.anchor[i] - items[n * dim + i]));
      this.gradAnchor[i] = f(this.gradAnchor[i] - x);
      this.gradNegative[i] = x;
    }
    this.adagrad(items, this.problem.itemAcc, n, this.gradNegative);
    this.copyRow(n);
  }

  private stepUser(user: number): void {
    for (let i = 0; i < this.problem.dim; i++) {
      const x = this.gradAnchor[i];
      this.pending[i] = f(this.pending[i] + f(this.share * x));
      this.gradAnchor[i] = f(this.keep * x);
    }
    this.adagrad(this.problem.users, this.problem.userAcc, user, this.gradAnchor);
  }

  /** Row-Adagrad of table[row] (accumulator acc[row]), then the optional max-norm projection. */
  private adagrad(table: Float32Array, acc: Float32Array, row: number, grad: Float32Array): void {
    const { learningRate, maxNorm, dim } = this.problem;
    const a = f(acc[row] + f(laneSum(dim, (i) => f(grad[i] * grad[i])) / dim));
    acc[row] = a;
    const rate = f(-f(learningRate) / f(f(Math.sqrt(a)) + ADAGRAD_EPSILON));
    for (let i = 0; i < dim; i++)
      table[row * dim + i] = f(table[row * dim + i] + f(rate * grad[i]));
    const limit = f(maxNorm);
    if (limit <= 0) return;
    const squared = laneSum(dim, (i) => f(table[row * dim + i] * table[row * dim + i]));
    if (squared <= f(limit * limit)) return;
    const shrink = f(limit / f(Math.sqrt(squared)));
    for (let i = 0; i < dim; i++) table[row * dim + i] = f(shrink * table[row * dim + i]);
  }

  private copyRow(item: number): void {
    const { items, mirror, mirrorScale, mirrorBias, dim } = this.problem;
    let max = 0;
    for (let i = 0; i < dim; i++) max = Math.max(max, Math.abs(items[item * dim + i]));
    const inv = max > 0 ? f(127 / max) : 0;
    for (let i = 0; i < dim; i++) {
      mirror[item * dim + i] = roundHalfEven(f(items[item * dim + i] * inv));
    }
    mirrorScale[item] = f(max / 127);
    mirrorBias[item] = f(
      -0.5 * laneSum(dim, (i) => f(items[item * dim + i] * items[item * dim + i])),
    );
  }

  private advanceCursor(): void {
    const state = this.state;
    state.cursorDue = f(state.cursorDue + f(this.problem.cursorRowsPerPair));
    while (state.cursorDue >= 1) {
      this.copyRow(state.cursor);
      state.cursor = state.cursor + 1 === this.problem.itemCount ? 0 : state.cursor + 1;
      state.cursorDue = f(state.cursorDue - 1);
    }
  }

  private distance(table: Float32Array, row: number): number {
    const { dim } = this.problem;
    const squared = laneSum(dim, (i) => {
      const x = f(this.anchor[i] - table[row * dim + i]);
      return f(x * x);
    });
    return f(f(Math.sqrt(squared)) + DISTANCE_EPSILON);
  }

  /** xorshift32. */
  private next(): number {
    let x = this.state.rng;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state.rng = x >>> 0;
    return this.state.rng;
  }

  /** (next · itemCount) >> 32 (exact in f64 for catalogues under 2^21 items). */
  private drawItem(): number {
    return this.drawProduct().id;
  }

  /**
   * One draw x and the 64-bit product x · itemCount: id its high half (`drawItem`), low its low 32 bits
   * (Math.imul's, exact for any catalogue).
   */
  private drawProduct(): { id: number; low: number } {
    const x = this.next();
    const { itemCount } = this.problem;
    return { id: Math.floor((x * itemCount) / 4294967296), low: Math.imul(x, itemCount) >>> 0 };
  }

  /** gumbelNoiseTable(t), built once per temperature (the host rewrites it when t changes). */
  private noiseTable(t: number): Float32Array {
    if (this.noise.temperature !== t) this.noise = { temperature: t, table: gumbelNoiseTable(t) };
    return this.noise.table;
  }

  private isLiked(item: number): boolean {
    let low = 0;
    let high = this.liked.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.liked[mid] < item) low = mid + 1;
      else high = mid;
    }
    return low < this.liked.length && this.liked[low] === item;
  }
}

/** The position of the highest score among those `allowed`, the earliest on a tie; -1 if none. */
function bestOf(scores: number[], allowed: (position: number) => boolean): number {
  let best = -1;
  let bestScore = -Infinity;
  scores.forEach((score, c) => {
    if (score > bestScore && allowed(c)) {
      best = c;
      bestScore = score;
    }
  });
  return best;
}

/** The f32 sum of term(0 .. n) over four lanes, added as the kernel's f32x4 accumulator. */
function laneSum(n: number, term: (i: number) => number): number {
  const lanes = [0, 0, 0, 0];
  for (let i = 0; i < n; i++) lanes[i & 3] = f(lanes[i & 3] + term(i));
  return f(f(lanes[0] + lanes[1]) + f(lanes[2] + lanes[3]));
}

/** Round half to even (f32x4.nearest, and the kernel's 1.5 · 2^23 trick). */
function roundHalfEven(value: number): number {
  const rounded = Math.round(value);
  return rounded - value === 0.5 && rounded % 2 !== 0 ? rounded - 1 : rounded;
}
