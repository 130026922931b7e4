import type { UserItemSet } from '../data/user-item-set';
import type { GeometryKind } from '../geometry/row-geometry';
import { claimScratch, type TableMemory } from '../geometry/table-memory';
import type { SeededRandom } from '../random/seeded-random';
import type { TrainOptions } from '../train-options';
import {
  alignUp,
  loadBlockKernel,
  rowStride,
  toClosenessScale,
  type CandidateBlockKernel,
} from './block-kernel';
import { PickAnchor } from './pick-anchor';
import { closestDistinct, closestUnliked, pickWork, type PickWork } from './closest-picks';
import { picksScoreCopies, type HardCandidateSource } from './hard-candidate-source';

/**
 * Bytes of int8 block rows per thread: 1 MiB is 16,384 rows at dim 64, i.e. 128 disjoint slices of
 * W = 128, enough for all but 4.8% of the pairs of Gowalla's users (20% carve; a heavier user's later
 * picks get fresh rows); contiguous int8 rows stream from the caches at a few ns per row.
 */
const BLOCK_BYTES = 1 << 20;
/**
 * Candidate uses per copied row (R): each hard pick scores W entries and copies W / R fresh rows into the
 * block, so the block turns over every R x entries / W picks (~2,000 pairs at the defaults).
 */
const BLOCK_REUSE = 16;
/**
 * Picks after which a picked entry's row is copied again: more than the examples the trainer's pipeline
 * builds ahead of the one it trains (2, see EpochRunner), times a few negatives per pair.
 */
const PICK_LAG = 8;
/** Rows copied per refresh step (their misses overlap in the copy loop). */
const REFRESH_CHUNK = 32;

/** The options that decide whether hard picks score a candidate block, and its size. */
export type CandidateBlockOptions = Pick<
  TrainOptions,
  | 'dim'
  | 'threads'
  | 'hardNegativeCandidates'
  | 'hardCandidateSource'
  | 'hardCandidateReuse'
  | 'negativeMix'
>;

/** True when hard picks come from a candidate block (a hard source, 'block', no pool reuse). */
export function usesCandidateBlock(
  options: Omit<CandidateBlockOptions, 'dim' | 'threads'>,
): boolean {
  return picksScoreCopies(options) && options.hardCandidateSource === 'block';
}

/** Entries of a block: whole slices of W, about BLOCK_BYTES of rows, at least one slice. */
export function candidateBlockEntries(dim: number, candidates: number): number {
  const slices = Math.max(1, Math.floor(BLOCK_BYTES / rowStride(dim) / candidates));
  return slices * candidates;
}

/** Table-memory scratch the blocks of every thread need (0 when hard picks score fresh candidates). */
export function candidateBlockBytes(options: CandidateBlockOptions): number {
  if (!usesCandidateBlock(options)) return 0;
  const { dim, hardNegativeCandidates: candidates } = options;
  return options.threads * blockBytes(candidateBlockEntries(dim, candidates), dim, candidates);
}

/** Rows, scale, bias, steps, then the scratch: scores (W), row offsets and the anchor as i16. */
function blockBytes(entries: number, dim: number, candidates: number): number {
  const scratchRows = Math.max(REFRESH_CHUNK, candidates);
  const arrays = alignUp(entries * rowStride(dim)) + 3 * alignUp(entries * 4);
  return arrays + 2 * alignUp(scratchRows * 4) + alignUp(2 * rowStride(dim)) + 64;
}

/** What a block reads and draws from. */
export interface CandidateBlockParts {
  random: SeededRandom;
  itemCount: number;
  dim: number;
  /** W: a pick is the closest of W block entries. */
  candidates: number;
  positives: UserItemSet;
  /** The scores' geometry: the block ranks by the same order (distances or similarities). */
  kind: GeometryKind;
  /** The memory the tables are views of; the block claims its region from its scratch arena. */
  memory: TableMemory;
  users: Float32Array;
  items: Float32Array;
  /**
   * Byte address of the row a user's picks are scored against; default the user's own row. Train-time
   * behaviour aggregation passes its mix, so the picks are hardest for the anchor the loss sees.
   */
  anchorAddress?: (user: number) => number;
  /** Entries (a multiple of W); default ~4 MiB of rows. */
  entries?: number;
  /** Candidate uses per copied row (R); default 16. */
  reuse?: number;
  /** Most entries one pair picks (`pickClosest`); default 1. Sizes the ring of entries to copy again. */
  picksPerPair?: number;
  /** Slices one pair scores (one per hard negative with 'each' selection); default 1. Scales R. */
  slicesPerPair?: number;
}

/**
 * Hardest-of-W (and semi-hard) picks scored against a block of uniform item rows copied contiguously
 * into this thread's region of the table memory, instead of W random rows of the table: the table is
 * larger than the caches, so each random row costs ~100 ns of memory latency, while the block's rows
 * stream from cache at a few ns each (assembly/candidate-block.wat).
 *
 * Which negatives the model sees stays that of hardest-of-W over uniform candidates:
 * - the entries are uniform draws of the catalogue, so a pick's W entries are W uniform candidates;
 * - a user's picks (their examples come one after the other in the `by-user` order) take disjoint slices
 *   of W entries from a random first slice on, so no candidate is scored twice for one user and no pick
 *   repeats an earlier one (what lost 25% of Recall@20 with `hardCandidateReuse`); a heavy user who has
 *   used every slice gets W freshly copied rows in the next slice before it is scored;
 * - W / R entries are replaced per pick (a cursor going round the block), so each entry serves ~R picks
 *   of different users before it is replaced, and the block turns over every R x entries / W picks.
 * The copies are for picking only: their scores are at most one turnover old, while the loss and the
 * gradients read the live rows. A liked candidate is never picked (checked, as in the fresh path, only
 * for the candidate that would become the pick).
 */
export class CandidateBlock implements HardCandidateSource {
  /** Item of each entry. */
  readonly entryItems: Int32Array;
  /** Entries (a multiple of W) and slices of W. */
  readonly entries: number;
  readonly slices: number;
  /** Fresh rows copied (refreshes and heavy users' fresh slices), for tests and benchmarks. */
  rowsCopied = 0;
  /** Picked entries' rows copied again after their update. */
  rowsRecopied = 0;
  /** First entry of the slice the last pick scored (tests: a user's slices are disjoint). */
  lastSliceStart = -1;
  private readonly kernel: CandidateBlockKernel;
  private readonly anchor: PickAnchor;
  private readonly reuse: number;
  private readonly stride: number;
  private readonly scale: Float32Array;
  private readonly bias: Float32Array;
  private readonly steps: Float32Array;
  private readonly out: Float32Array;
  private readonly offsets: Int32Array;
  private readonly rowsAt: number;
  private readonly scaleAt: number;
  private readonly biasAt: number;
  private readonly stepsAt: number;
  private readonly outAt: number;
  private readonly anchorAt: number;
  private readonly offsetsAt: number;
  private readonly itemsAt: number;
  private user = -1;
  /** What the last `scoreNextSlice` left: the kernel's closest entry below the bound (-1: none). */
  private lastBest = -1;
  /** The last scored slice, as the picking helpers read it. */
  private readonly scored: {
    closeness: Float32Array;
    items: Int32Array;
    first: number;
    count: number;
  };
  private readonly work: PickWork;
  /** `pickClosest`'s chosen entries of the slice. */
  private readonly chosen: Int32Array;
  private firstSlice = 0;
  private userPicks = 0;
  private cursor = 0;
  /** Rows due to be replaced (W / R per pick), copied REFRESH_CHUNK at a time. */
  private refreshDue = 0;
  /** Entries of the last PICK_LAG pairs' picks (-1: none), a ring. */
  private readonly picked: Int32Array;
  private pickedAt = 0;

  private constructor(
    private readonly parts: CandidateBlockParts,
    entries: number,
    start: number,
  ) {
    const { dim, candidates, memory } = parts;
    this.entries = entries;
    this.slices = entries / candidates;
    // R counts picks per pair: a pair scoring several slices (one per hard negative) replaces as many rows
    // per pair as a one-negative pair, so the copies stay as fresh in training steps.
    this.reuse = (parts.reuse ?? BLOCK_REUSE) * Math.max(1, parts.slicesPerPair ?? 1);
    this.work = pickWork(parts.candidates);
    this.chosen = new Int32Array(parts.candidates);
    this.picked = new Int32Array(PICK_LAG * Math.max(1, parts.picksPerPair ?? 1)).fill(-1);
    this.entryItems = new Int32Array(entries);
    const buffer = memory.memory.buffer;
    const scratchRows = Math.max(REFRESH_CHUNK, candidates);
    this.stride = rowStride(dim);
    this.rowsAt = alignUp(start);
    this.scaleAt = this.rowsAt + alignUp(entries * this.stride);
    this.biasAt = this.scaleAt + alignUp(entries * 4);
    this.stepsAt = this.biasAt + alignUp(entries * 4);
    this.outAt = this.stepsAt + alignUp(entries * 4);
    this.offsetsAt = this.outAt + alignUp(scratchRows * 4);
    this.anchorAt = this.offsetsAt + alignUp(scratchRows * 4);
    this.scale = new Float32Array(buffer, this.scaleAt, entries);
    this.bias = new Float32Array(buffer, this.biasAt, entries);
    this.steps = new Float32Array(buffer, this.stepsAt, entries);
    this.out = new Float32Array(buffer, this.outAt, scratchRows);
    this.offsets = new Int32Array(buffer, this.offsetsAt, scratchRows);
    this.itemsAt = parts.items.byteOffset;
    this.kernel = loadBlockKernel(memory);
    this.anchor = new PickAnchor(parts);
    this.scored = { closeness: this.out, items: this.entryItems, first: 0, count: candidates };
    for (let entry = 0; entry < entries; entry += scratchRows) {
      this.copyFresh(entry, Math.min(scratchRows, entries - entry));
    }
  }

  /** A block in the table memory's arena, or null when the arena has no room left for it. */
  static create(parts: CandidateBlockParts): CandidateBlock | null {
    const entries = parts.entries ?? candidateBlockEntries(parts.dim, parts.candidates);
    if (entries % parts.candidates !== 0)
      throw new Error('block entries must be whole slices of W');
    const start = claimScratch(parts.memory, blockBytes(entries, parts.dim, parts.candidates));
    return start < 0 ? null : new CandidateBlock(parts, entries, start);
  }

  /**
   * The closest of the next W entries of `user`'s slices (hardest), or for semi-hard the closest one still
   * farther than `positive` (else the least close one); never an item the user likes; -1 when every
   * entry of the slice is liked.
   */
  pick(user: number, positive: number, hardest: boolean): number {
    const anchor = this.anchor.addressOf(user);
    const below = hardest ? Infinity : this.anchor.closeness(anchor, positive);
    const first = this.scoreNextSlice(user, anchor, below);
    const best = this.lastBest;
    const { positives } = this.parts;
    const pick =
      best >= 0 && !positives.has(user, this.entryItems[first + best])
        ? best
        : closestUnliked(this.scored, positives, user, below);
    if (pick < 0) return -1;
    this.recopyPicked(first + pick);
    return this.entryItems[first + pick];
  }

  /**
   * The `count` closest distinct items of the next W of `user`'s slices that the user does not like,
   * closest first, written to `into`; returns how many (fewer when the slice holds fewer).
   */
  pickClosest(user: number, _positive: number, count: number, into: Int32Array): number {
    const first = this.scoreNextSlice(user, this.anchor.addressOf(user), Infinity);
    const found = closestDistinct(
      this.scored,
      this.parts.positives,
      user,
      count,
      into,
      this.chosen,
      this.work,
    );
    for (let k = 0; k < found; k++) this.recopyPicked(first + this.chosen[k]);
    return found;
  }

  /**
   * Scores the next W entries of `user`'s slices (fresh rows once every slice has served the user) into
   * `out`; leaves the kernel's closest entry below `below` in lastBest; returns the slice's first entry.
   */
  private scoreNextSlice(user: number, anchor: number, below: number): number {
    const { candidates, dim, random } = this.parts;
    if (user !== this.user) {
      this.user = user;
      this.firstSlice = random.nextInt(this.slices);
      this.userPicks = 0;
    }
    const first = ((this.firstSlice + this.userPicks) % this.slices) * candidates;
    if (this.userPicks >= this.slices) {
      // Every slice has served this user once: fresh rows, or the user would see the same candidates again.
      this.copyFresh(first, candidates);
    } else {
      this.refresh();
    }
    this.userPicks++;
    this.lastSliceStart = first;
    this.scored.first = first;
    this.lastBest = this.kernel.closestRows(
      anchor,
      dim,
      this.stride,
      this.rowsAt + first * this.stride,
      this.scaleAt + first * 4,
      this.biasAt + first * 4,
      candidates,
      this.outAt,
      below,
      this.anchorAt,
    );
    return first;
  }

  /** Forgets the current user (a new epoch's order may start with the same one). */
  resetUser(): void {
    this.user = -1;
  }

  /** Replaces the rows due (W / R per pick) at the cursor going round the block. */
  private refresh(): void {
    this.refreshDue += this.parts.candidates / this.reuse;
    while (this.refreshDue >= REFRESH_CHUNK) {
      const count = Math.min(REFRESH_CHUNK, this.entries - this.cursor);
      this.copyFresh(this.cursor, count);
      this.cursor = (this.cursor + count) % this.entries;
      this.refreshDue -= count;
    }
  }

  /** Copies `count` uniform items' live rows into entries [first, first + count) with their scale and bias. */
  private copyFresh(first: number, count: number): void {
    const { random, itemCount } = this.parts;
    for (let e = first; e < first + count; e++) this.entryItems[e] = random.nextInt(itemCount);
    this.copyEntries(first, count);
    this.rowsCopied += count;
  }

  /** Copies the live rows of the items of entries [first, first + count) with their scale and bias. */
  private copyEntries(first: number, count: number): void {
    const { dim, kind } = this.parts;
    const offsets = this.offsets;
    for (let r = 0; r < count; r++) offsets[r] = this.entryItems[first + r] * dim;
    // The squared norms land in bias[] and become each geometry's (scale, bias) below.
    const { stride, kernel } = this;
    const dst = this.rowsAt + first * stride;
    const at = first * 4;
    kernel.copyRows(
      this.itemsAt,
      this.offsetsAt,
      count,
      dim,
      dst,
      stride,
      this.biasAt + at,
      this.stepsAt + at,
    );
    toClosenessScale(kind, this.scale, this.bias, this.steps, first, first + count);
  }

  /**
   * Copies again the row of the entry picked PICK_LAG picks ago: the trainer has moved it since (it was
   * that example's negative), and a copy that still showed it where it was would offer it as the hardest
   * to the next users again and again. The row was just written, so it is read from cache.
   */
  private recopyPicked(entry: number): void {
    const at = this.pickedAt;
    const old = this.picked[at];
    if (old >= 0) {
      this.copyEntries(old, 1);
      this.rowsRecopied++;
    }
    this.picked[at] = entry;
    this.pickedAt = (at + 1) % PICK_LAG;
  }
}
