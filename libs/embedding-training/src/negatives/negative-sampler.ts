import type { UserItemSet } from '../data/user-item-set';
import type { RowGeometry } from '../geometry/row-geometry';
import type { TrainingExample } from '../kernel/training-example';
import type { AliasTable } from '../random/alias-table';
import type { SeededRandom } from '../random/seeded-random';
import type { HardNegativeSelection, NegativeSource } from '../train-options';
import { CandidatePool } from './candidate-pool';
import type { HardCandidateSource } from './hard-candidate-source';
import { negativeMixAt } from './negative-mix-schedule';

/** Draws before giving up on a user who likes (almost) every item. */
const MAX_REJECTIONS = 64;
const UNIFORM = 0;
const POPULARITY = 1;
const EXPLICIT = 2;
const HARDEST = 3;

/** What a sampler draws from; `geometry` is its own instance (scoring candidates must not clobber the kernel's). */
export interface NegativeSamplerParts {
  random: SeededRandom;
  itemCount: number;
  dim: number;
  positives: UserItemSet;
  explicitNegatives: UserItemSet;
  /** Null when no popularity sampling is asked for. */
  popularity: AliasTable | null;
  geometry: RowGeometry;
  negativesPerPositive: number;
  candidates: number;
  /** Picks each scored hard candidate serves (1 = W fresh candidates per pick; see CandidatePool). */
  candidateReuse: number;
  mix: Partial<Record<NegativeSource, number>>;
  warmupEpochs: number;
  /** Hard picks score the block's or mirror's copies instead of W fresh rows (null: fresh, or the pool). */
  block?: HardCandidateSource | null;
  /** 'top': a pair's hardest negatives are the closest of one set of W candidates; default 'each'. */
  selection?: HardNegativeSelection;
}

/**
 * Fills an example with negatives from the mixed sources. A known positive of the user is never returned:
 * every draw is checked against the user's sorted positives and redrawn.
 */
export class NegativeSampler {
  private cumulative: Float64Array = new Float64Array(0);
  /** The source that has all the probability, or -1 when sources are mixed (saves a draw each). */
  private onlySource = -1;
  private readonly closerSign: number;
  /** Row offsets of a hard pick: the positive, then the candidates. */
  private readonly candidateOffsets: Int32Array;
  /** Null when every pick scores W fresh candidates (candidateReuse 1). */
  private readonly pool: CandidatePool | null;
  /** 'top' selection: the items of a pair's closest picks, and the candidates' closeness. */
  private readonly closest: Int32Array;
  private readonly closeness: Float64Array;

  constructor(private readonly parts: NegativeSamplerParts) {
    this.closerSign = parts.geometry.isDistance ? -1 : 1;
    this.candidateOffsets = new Int32Array(parts.candidates + 1);
    this.closest = new Int32Array(parts.negativesPerPositive);
    this.closeness = new Float64Array(parts.candidates + 1);
    this.pool =
      parts.candidateReuse > 1
        ? new CandidatePool({
            ...parts,
            reuse: parts.candidateReuse,
            uniform: (user) => this.uniform(user),
          })
        : null;
    this.setEpoch(0);
  }

  /** The sampler's random stream (a kernel that draws the uniform negatives itself continues it). */
  get random(): SeededRandom {
    return this.parts.random;
  }

  /** Moves the warm-up schedule to `epoch` (0-based). */
  setEpoch(epoch: number): void {
    const { mix, warmupEpochs } = this.parts;
    this.cumulative = negativeMixAt({ mix, warmupEpochs, epoch });
    const first = this.cumulative.findIndex((value) => value > 0);
    this.onlySource = this.cumulative[first] === 1 ? first : -1;
    this.pool?.reset();
    this.parts.block?.resetUser();
  }

  /** Appends `negativesPerPositive` negatives (fewer if a user has no eligible item). */
  fill(example: TrainingExample): void {
    const top = this.parts.selection === 'top';
    let hardestDraws = 0;
    for (let k = 0; k < this.parts.negativesPerPositive; k++) {
      const source = this.nextSource();
      if (top && source === HARDEST) {
        hardestDraws++;
        continue;
      }
      const item = this.draw(source, example);
      if (item >= 0) example.addNegative(item);
    }
    if (hardestDraws > 0) {
      const found = this.closestOfOneSet(example, hardestDraws);
      for (let k = 0; k < found; k++) example.addNegative(this.closest[k]);
    }
  }

  private nextSource(): number {
    if (this.onlySource >= 0) return this.onlySource;
    const r = this.parts.random.nextFloat();
    const cumulative = this.cumulative;
    let source = 0;
    while (r >= cumulative[source]) source++;
    return source;
  }

  /**
   * 'top' selection: the `count` closest of one set of W uniform candidates the user does not like, into
   * `closest` (from the block, or W fresh rows scored in one batched pass); returns how many.
   */
  private closestOfOneSet(example: TrainingExample, count: number): number {
    const block = this.parts.block;
    if (block) return block.pickClosest(example.user, example.positive, count, this.closest);
    const { geometry, dim, positives, candidates, itemCount, random } = this.parts;
    const offsets = this.candidateOffsets;
    for (let c = 0; c < candidates; c++) offsets[c] = random.nextInt(itemCount) * dim;
    geometry.setAnchor(example.user * dim);
    const scores = geometry.scoreRows(offsets, candidates);
    const closeness = this.closeness;
    for (let c = 0; c < candidates; c++) closeness[c] = this.closerSign * scores[c];
    let found = 0;
    for (let seen = 0; seen < candidates && found < count; seen++) {
      let best = -1;
      for (let c = 0; c < candidates; c++) {
        if (closeness[c] > -Infinity && (best < 0 || closeness[c] > closeness[best])) best = c;
      }
      if (best < 0) break;
      closeness[best] = -Infinity;
      const item = offsets[best] / dim;
      // A candidate drawn twice is one candidate (as the block's disjoint entries are).
      if (positives.has(example.user, item) || this.alreadyClosest(item, found)) continue;
      this.closest[found++] = item;
    }
    return found;
  }

  /** Whether `item` is among the first `found` of `closest` (a loop: no view allocated per candidate). */
  private alreadyClosest(item: number, found: number): boolean {
    for (let k = 0; k < found; k++) if (this.closest[k] === item) return true;
    return false;
  }

  private draw(source: number, example: TrainingExample): number {
    if (source === UNIFORM) return this.uniform(example.user);
    if (source === POPULARITY) return this.popular(example.user);
    if (source === EXPLICIT) return this.explicit(example.user);
    return this.hard(example, source === HARDEST);
  }

  /** A uniform item the user does not like, or -1. */
  uniform(user: number): number {
    const { random, itemCount, positives } = this.parts;
    for (let attempt = 0; attempt < MAX_REJECTIONS; attempt++) {
      const item = random.nextInt(itemCount);
      if (!positives.has(user, item)) return item;
    }
    return -1;
  }

  private popular(user: number): number {
    const { random, positives, popularity } = this.parts;
    if (popularity === null) return this.uniform(user);
    for (let attempt = 0; attempt < MAX_REJECTIONS; attempt++) {
      const item = popularity.sample(random);
      if (!positives.has(user, item)) return item;
    }
    return this.uniform(user);
  }

  private explicit(user: number): number {
    const { random, explicitNegatives } = this.parts;
    const count = explicitNegatives.countOf(user);
    if (count === 0) return this.uniform(user);
    return explicitNegatives.itemAt(user, random.nextInt(count));
  }

  /**
   * Hardest-of-W (CML): the closest of W uniform candidates the user does not like. Semi-hard (FaceNet):
   * the closest such candidate that is still farther than the positive; when every one is closer, the
   * least close one. The positive (row 0) and the candidates are scored in one batched pass. Candidates
   * are drawn without the liked-item check: only one that would become the pick is checked (about
   * ln W binary searches instead of W; a liked candidate is skipped, as a rejected draw was).
   */
  private hard(example: TrainingExample, hardest: boolean): number {
    if (this.pool !== null) return this.pool.pick(example.user, example.positive, hardest);
    const block = this.parts.block;
    if (block) return block.pick(example.user, example.positive, hardest);
    const { geometry, dim, positives, candidates, itemCount, random } = this.parts;
    const offsets = this.candidateOffsets;
    offsets[0] = example.positive * dim;
    for (let c = 1; c <= candidates; c++) offsets[c] = random.nextInt(itemCount) * dim;
    const user = example.user;
    geometry.setAnchor(user * dim);
    const scores = geometry.scoreRows(offsets, candidates + 1);
    const sign = this.closerSign;
    const positiveCloseness = hardest ? Infinity : sign * scores[0];
    let best = -1;
    let bestCloseness = -Infinity;
    let fallback = -1;
    let fallbackCloseness = Infinity;
    for (let c = 1; c <= candidates; c++) {
      const closeness = sign * scores[c];
      if (closeness < positiveCloseness) {
        if (closeness > bestCloseness && !positives.has(user, offsets[c] / dim)) {
          best = c;
          bestCloseness = closeness;
        }
      } else if (closeness < fallbackCloseness && !positives.has(user, offsets[c] / dim)) {
        fallback = c;
        fallbackCloseness = closeness;
      }
    }
    const pick = best >= 0 ? best : fallback;
    return pick >= 0 ? offsets[pick] / dim : -1;
  }
}
