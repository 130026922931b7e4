import type { UserItemSet } from '../data/user-item-set';
import type { RowGeometry } from '../geometry/row-geometry';
import type { SeededRandom } from '../random/seeded-random';

/** Most groups of W candidates in one pool: bounds the scratch and how stale a heavy user's pool gets. */
const MAX_GROUPS = 8;

/** What a pool draws from; `geometry` is the sampler's own instance. */
export interface CandidatePoolParts {
  random: SeededRandom;
  dim: number;
  positives: UserItemSet;
  geometry: RowGeometry;
  /** W: a pick is the closest of W draws. */
  candidates: number;
  /** Picks each scored candidate serves on average (R > 1). */
  reuse: number;
  negativesPerPositive: number;
  /** A uniform item the user does not like, or -1 (the sampler's rejection loop). */
  uniform: (user: number) => number;
}

/**
 * Hardest-of-W with candidate scores reused across a user's positives. The examples of a user come one
 * after the other (`by-user` order), so instead of scoring W fresh candidates for every pick, a pool of
 * W x G uniform candidates (G = the user's expected picks / R) is scored once and each pick is the closest
 * of W draws from the pool. The expected pick sits at the same catalogue rank as hardest-of-W (the
 * G-th of W x G ~ itemCount / W), at 1/R of the rows scored. Scores are those of the pool's scoring
 * time: the user's row moves a little during its examples, which the pick tolerates (it only ranks).
 */
export class CandidatePool {
  private user = -1;
  private size = 0;
  private picksLeft = 0;
  private readonly offsets: Int32Array;
  private readonly scores: Float64Array;
  private readonly closerSign: number;

  constructor(private readonly parts: CandidatePoolParts) {
    const capacity = parts.candidates * MAX_GROUPS;
    this.offsets = new Int32Array(capacity);
    this.scores = new Float64Array(capacity);
    this.closerSign = parts.geometry.isDistance ? -1 : 1;
  }

  /**
   * The closest of W pool draws to `user` (hardest), or for semi-hard the closest one still farther than
   * `positive` (else the least close draw); -1 when the user likes every item.
   */
  pick(user: number, positive: number, hardest: boolean): number {
    if (user !== this.user || this.picksLeft <= 0) this.refill(user);
    if (this.size === 0) return -1;
    this.picksLeft--;
    const { random, candidates, geometry, dim } = this.parts;
    const sign = this.closerSign;
    let positiveCloseness = Infinity;
    if (!hardest) {
      geometry.setAnchor(user * dim);
      positiveCloseness = sign * geometry.score(positive * dim);
    }
    const scores = this.scores;
    const size = this.size;
    let best = -1;
    let bestCloseness = -Infinity;
    let fallback = 0;
    let fallbackCloseness = Infinity;
    for (let w = 0; w < candidates; w++) {
      const c = random.nextInt(size);
      const closeness = sign * scores[c];
      if (closeness < positiveCloseness && closeness > bestCloseness) {
        best = c;
        bestCloseness = closeness;
      } else if (closeness < fallbackCloseness) {
        fallback = c;
        fallbackCloseness = closeness;
      }
    }
    return this.offsets[best >= 0 ? best : fallback] / dim;
  }

  /** Forgets the pool (the tables changed under it, e.g. at an epoch boundary). */
  reset(): void {
    this.user = -1;
    this.picksLeft = 0;
  }

  private refill(user: number): void {
    const { candidates, reuse, negativesPerPositive, positives, geometry, dim, uniform } =
      this.parts;
    const expectedPicks = Math.max(1, positives.countOf(user)) * negativesPerPositive;
    const groups = Math.min(MAX_GROUPS, Math.max(1, Math.ceil(expectedPicks / reuse)));
    const offsets = this.offsets;
    let size = 0;
    for (let c = 0; c < candidates * groups; c++) {
      const item = uniform(user);
      if (item >= 0) offsets[size++] = item * dim;
    }
    this.user = user;
    this.size = size;
    this.picksLeft = groups * reuse;
    if (size === 0) return;
    geometry.setAnchor(user * dim);
    this.scores.set(geometry.scoreRows(offsets, size).subarray(0, size));
  }
}
