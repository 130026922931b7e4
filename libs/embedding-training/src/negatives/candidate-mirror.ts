import type { UserItemSet } from '../data/user-item-set';
import type { GeometryKind } from '../geometry/row-geometry';
import { claimScratch, type TableMemory } from '../geometry/table-memory';
import type { SeededRandom } from '../random/seeded-random';
import {
  alignUp,
  loadBlockKernel,
  rowStride,
  toClosenessScale,
  type CandidateBlockKernel,
} from './block-kernel';
import { PickAnchor } from './pick-anchor';
import { closestDistinct, closestUnliked, pickWork, type PickWork } from './closest-picks';
import type { HardCandidateSource } from './hard-candidate-source';

/**
 * Candidate uses per re-copied row (R): each pair re-copies W / R rows at a cursor going round the mirror
 * (spread over its picks: per pick with one negative, half a row per pick with two), so a full pass takes
 * R x itemCount / W pairs (41,000 at Gowalla's defaults, ~10 passes per thread and epoch). The rows a pick
 * moves are copied again anyway (below), so the cursor only catches the other threads' updates and the
 * spread of train-time aggregation. Gowalla, two hardest-of-128 per pair, 50 epochs, 2 threads: R 64
 * 0.2061 / 0.1445 (Recall@20 / NDCG@20) in 94 s, R 16 0.2062 / 0.1446; one epoch on 1 thread 2.41-2.53
 * CPU-s against 2.90 at R 16 (README, "Candidate mirror"). R 128 (one row per pair; g 0.6, lr 0.15):
 * 0.2080 / 0.1457 and 0.2085 / 0.1455 (seeds 42 / 43) against 0.2079 / 0.1456 and 0.2077 / 0.1456 at R 64,
 * one epoch 3.30-3.38 CPU-s against 3.47-3.49 (README, "Sixth sitting").
 */
export const MIRROR_REUSE = 128;
/**
 * Pairs after which a pair's positive and negatives are copied again: more than the examples the
 * trainer's pipeline builds ahead of the one it trains (2, see EpochRunner).
 */
const PICK_LAG = 8;
/** Rows per copy call (their misses overlap in the copy loop). */
const COPY_CHUNK = 32;
/** Bytes of the sfc32 state the kernel draws ids from. */
const STATE_BYTES = 16;

/** What a mirror copies from and draws with. */
export interface CandidateMirrorParts {
  random: SeededRandom;
  itemCount: number;
  dim: number;
  /** W: a pick is the closest of W uniform candidates. */
  candidates: number;
  positives: UserItemSet;
  /** The scores' geometry: the mirror ranks by the same order (distances or similarities). */
  kind: GeometryKind;
  memory: TableMemory;
  users: Float32Array;
  items: Float32Array;
  /** Byte address of the row a user's picks are scored against; default the user's own row. */
  anchorAddress?: (user: number) => number;
  /** Candidate uses per row the cursor copies (R); default MIRROR_REUSE. */
  reuse?: number;
  /** Most items one pair picks (`pickClosest`); default 1. Sizes the ring of rows to copy again. */
  picksPerPair?: number;
  /** Candidate sets one pair scores (one per hard negative with 'each' selection); default 1. Scales R. */
  setsPerPair?: number;
}

/** Table-memory bytes of one thread's mirror. */
export function candidateMirrorBytes(itemCount: number, dim: number, candidates: number): number {
  const scratch = Math.max(COPY_CHUNK, candidates);
  return (
    alignUp(itemCount * rowStride(dim)) +
    3 * alignUp(itemCount * 4) +
    3 * alignUp(scratch * 4) +
    alignUp(2 * rowStride(dim)) +
    alignUp(STATE_BYTES) +
    64
  );
}

/**
 * Hardest-of-W (and semi-hard) picks scored against an int8 copy of every item row in this thread's
 * region of the table memory (`assembly/candidate-block.wat`, `closestGathered`): a 64-dim row is one
 * cache line and Gowalla's 40,981 items 2.6 MB, where the f32 table is 10.5 MB and four lines a row.
 * Each pick draws W uniform ids in the kernel and scores their copies, so the candidates are exactly
 * those of the fresh path (W uniform draws per pick, independent across picks and users), without the
 * candidate block's shared entries, per-user slices or heavy users' fresh copies.
 *
 * The copies follow the live rows: the rows a pick involves (its positive and its negatives, which the
 * step moves) are copied again PICK_LAG pairs later, after their update; a cursor going round the mirror
 * copies W / R rows per pair for everything else (the other threads' updates, the spread of train-time
 * aggregation), so no copy is more than R x itemCount / W pairs old. The loss and the gradients read the
 * live f32 rows; the copies only rank the candidates.
 */
export class CandidateMirror implements HardCandidateSource {
  /** Rows copied by the cursor and by the lagged copies, for tests and benchmarks. */
  rowsCopied = 0;
  /** The ids of the last pick's candidates (tests). */
  readonly ids: Int32Array;
  private readonly kernel: CandidateBlockKernel;
  private readonly anchor: PickAnchor;
  private readonly stride: number;
  private readonly scale: Float32Array;
  private readonly bias: Float32Array;
  private readonly steps: Float32Array;
  private readonly closeness: Float32Array;
  private readonly offsets: Int32Array;
  private readonly state: Int32Array;
  private readonly rowsAt: number;
  private readonly scaleAt: number;
  private readonly biasAt: number;
  private readonly stepsAt: number;
  private readonly outAt: number;
  private readonly idsAt: number;
  private readonly offsetsAt: number;
  private readonly anchorAt: number;
  private readonly stateAt: number;
  private readonly itemsAt: number;
  private readonly rowsPerPick: number;
  private readonly scored: { closeness: Float32Array; items: Int32Array; first: 0; count: number };
  private readonly work: PickWork;
  private readonly chosen: Int32Array;
  private cursor = 0;
  private copyDue = 0;

  /** Items of the last PICK_LAG pairs (their positives and picks; -1: none), a ring. */
  private readonly lagged: Int32Array;
  private laggedAt = 0;
  private lastPositive = -1;

  private constructor(
    private readonly parts: CandidateMirrorParts,
    start: number,
  ) {
    const { dim, candidates, memory, itemCount } = parts;
    const scratch = Math.max(COPY_CHUNK, candidates);
    this.stride = rowStride(dim);
    this.rowsAt = alignUp(start);
    this.scaleAt = this.rowsAt + alignUp(itemCount * this.stride);
    this.biasAt = this.scaleAt + alignUp(itemCount * 4);
    this.stepsAt = this.biasAt + alignUp(itemCount * 4);
    this.outAt = this.stepsAt + alignUp(itemCount * 4);
    this.idsAt = this.outAt + alignUp(scratch * 4);
    this.offsetsAt = this.idsAt + alignUp(scratch * 4);
    this.anchorAt = this.offsetsAt + alignUp(scratch * 4);
    this.stateAt = this.anchorAt + alignUp(2 * this.stride);
    const buffer = memory.memory.buffer;
    this.scale = new Float32Array(buffer, this.scaleAt, itemCount);
    this.bias = new Float32Array(buffer, this.biasAt, itemCount);
    this.steps = new Float32Array(buffer, this.stepsAt, itemCount);
    this.closeness = new Float32Array(buffer, this.outAt, candidates);
    this.ids = new Int32Array(buffer, this.idsAt, candidates);
    this.offsets = new Int32Array(buffer, this.offsetsAt, scratch);
    this.state = new Int32Array(buffer, this.stateAt, 4);
    this.itemsAt = parts.items.byteOffset;
    // R counts picks per pair: a pair scoring several sets copies as many rows per pair as a
    // one-negative pair, so the copies stay as fresh in training steps.
    const reuse = parts.reuse ?? MIRROR_REUSE;
    this.rowsPerPick = candidates / (reuse * Math.max(1, parts.setsPerPair ?? 1));
    this.scored = { closeness: this.closeness, items: this.ids, first: 0, count: candidates };
    this.work = pickWork(candidates);
    this.chosen = new Int32Array(candidates);
    // A pair queues its positive once and each of its picks: the ring holds PICK_LAG pairs.
    const picksPerPair = Math.max(1, parts.picksPerPair ?? 1) * Math.max(1, parts.setsPerPair ?? 1);
    this.lagged = new Int32Array(PICK_LAG * (picksPerPair + 1)).fill(-1);
    this.kernel = loadBlockKernel(memory);
    this.anchor = new PickAnchor(parts);
    for (let item = 0; item < itemCount; item += COPY_CHUNK) {
      this.copyRows(item, Math.min(COPY_CHUNK, itemCount - item));
    }
    this.rowsCopied = 0;
  }

  /** A mirror in the table memory's arena, or null when the arena has no room left for it. */
  static create(parts: CandidateMirrorParts): CandidateMirror | null {
    const bytes = candidateMirrorBytes(parts.itemCount, parts.dim, parts.candidates);
    const start = claimScratch(parts.memory, bytes);
    return start < 0 ? null : new CandidateMirror(parts, start);
  }

  pick(user: number, positive: number, hardest: boolean): number {
    const anchor = this.anchor.addressOf(user);
    const below = hardest ? Infinity : this.anchor.closeness(anchor, positive);
    const best = this.scoreCandidates(anchor, below);
    const { positives } = this.parts;
    const ids = this.ids;
    const pick =
      best >= 0 && !positives.has(user, ids[best])
        ? best
        : closestUnliked(this.scored, positives, user, below);
    this.copyPositiveLater(positive);
    if (pick < 0) return -1;
    this.copyLater(ids[pick]);
    return ids[pick];
  }

  pickClosest(user: number, positive: number, count: number, into: Int32Array): number {
    this.scoreCandidates(this.anchor.addressOf(user), Infinity);
    const { positives } = this.parts;
    const found = closestDistinct(
      this.scored,
      positives,
      user,
      count,
      into,
      this.chosen,
      this.work,
    );
    this.copyPositiveLater(positive);
    for (let k = 0; k < found; k++) this.copyLater(into[k]);
    return found;
  }

  resetUser(): void {
    // Picks draw fresh ids each: nothing is kept per user.
  }

  /**
   * Draws W uniform ids and scores their copies against the anchor row at byte address `anchor` into
   * `closeness`; returns the closest candidate below `below`, or -1. Copies the rows due at the cursor first.
   */
  private scoreCandidates(anchor: number, below: number): number {
    const { candidates, dim, itemCount, random } = this.parts;
    this.copyAtCursor();
    random.saveState(this.state);
    this.kernel.drawItems(this.stateAt, candidates, itemCount, this.idsAt);
    random.restoreState(this.state);
    return this.kernel.closestGathered(
      anchor,
      dim,
      this.stride,
      this.rowsAt,
      this.scaleAt,
      this.biasAt,
      this.idsAt,
      candidates,
      this.outAt,
      below,
      this.anchorAt,
    );
  }

  /** Copies the rows due (W / R per pair, shared by its picks) at the cursor going round the mirror. */
  private copyAtCursor(): void {
    const { itemCount } = this.parts;
    this.copyDue += this.rowsPerPick;
    while (this.copyDue >= COPY_CHUNK) {
      const count = Math.min(COPY_CHUNK, itemCount - this.cursor);
      this.copyRows(this.cursor, count);
      this.cursor = (this.cursor + count) % itemCount;
      this.copyDue -= count;
    }
  }

  /**
   * Queues the pair's positive once: with one candidate set per hard negative ('each' selection) a pair's
   * picks come one after the other with the same positive, while consecutive pairs have different ones.
   */
  private copyPositiveLater(positive: number): void {
    if (positive === this.lastPositive) return;
    this.lastPositive = positive;
    this.copyLater(positive);
  }

  /**
   * Queues `item`'s row to be copied again PICK_LAG pairs later, after the trainer has moved it, and
   * copies the one queued that long ago: a copy showing a negative where it was would offer it as the
   * hardest to the next users again and again. The row was just written, so it is read from cache.
   */
  private copyLater(item: number): void {
    const at = this.laggedAt;
    const old = this.lagged[at];
    if (old >= 0) this.copyRows(old, 1);
    this.lagged[at] = item;
    this.laggedAt = (at + 1) % this.lagged.length;
  }

  /** Copies the live rows of items [first, first + count) with their scale and bias. */
  private copyRows(first: number, count: number): void {
    const { dim, kind } = this.parts;
    const offsets = this.offsets;
    for (let r = 0; r < count; r++) offsets[r] = (first + r) * dim;
    this.kernel.copyRows(
      this.itemsAt,
      this.offsetsAt,
      count,
      dim,
      this.rowsAt + first * this.stride,
      this.stride,
      this.biasAt + first * 4,
      this.stepsAt + first * 4,
    );
    toClosenessScale(kind, this.scale, this.bias, this.steps, first, first + count);
    this.rowsCopied += count;
  }
}
