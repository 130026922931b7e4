import { join } from 'node:path';
import { instantiateLibWasm } from '@recsys/wasm-modules';
import type { UserItemSet } from '../data/user-item-set';
import { claimScratch, type TableMemory } from '../geometry/table-memory';
import type { SparseOptimizer } from '../optim/sparse-optimizer';
import { userMixShare } from './user-mix-share';

/** The export of `assembly/anchor-mix.wat` (byte addresses). */
interface AnchorMixKernel {
  mix(dst: number, src: number, mean: number, dim: number, keep: number, share: number): void;
}

/** Compiled `.wasm` lives in libs/embedding-training/wasm, beside src/. */
const SRC_DIR = join(__dirname, '..');

/**
 * Users whose mean of liked rows is kept at once: the kernel's, and the next ones the example builder
 * (which runs ahead of the kernel, see EpochRunner) picks negatives for.
 */
const CACHED_MEANS = 4;

/** Table-memory arena bytes one thread's cached means take (so the mix kernel can read them). */
export function anchorMeanBytes(dim: number): number {
  return CACHED_MEANS * dim * Float64Array.BYTES_PER_ELEMENT + 64;
}

/** What one thread's anchor mix reads and writes. */
export interface BehaviourAnchorParts {
  dim: number;
  /** g: weight of the mean of the user's liked item rows in the anchor, in (0, 1], at 20 liked items. */
  share: number;
  /** How g moves with a user's liked count (`userMixShare`; 0: g for every user). */
  slope: number;
  positives: UserItemSet;
  /**
   * The user table followed by scratch rows ([userCount + scratch, dim]): the geometries score anchors in
   * it, so the scratch rows the mixes are written to sit in the same memory as the trained rows.
   */
  anchors: Float32Array;
  /** [itemCount, dim] */
  items: Float32Array;
  /** Steps the liked item rows with their share of the anchor gradient (the thread's own instance). */
  itemOptimizer: SparseOptimizer;
  /** The scratch rows (row indices of `anchors`) this thread owns: one per geometry that sets anchors. */
  scratch: { first: number; count: number };
  /**
   * The memory `anchors` is a view of, if any: the means then live in its arena and the mix is written
   * by a WebAssembly kernel (f64 lanes, the same bits as the JavaScript loop, ~10x faster).
   */
  memory?: TableMemory | null;
}

/**
 * Train-time behaviour aggregation (SimpleX) for one thread: a user's triplets are scored against
 * h_u = (1 - g) u + g m_u, m_u = mean of the user's liked item rows (the vector the export serves), not
 * against u alone. dL/du = (1 - g) dL/dh goes to u at every step, as the plain kernel does; the rest,
 * g dL/dh, is summed over the user's examples and, when the user's examples end, spread over the k liked
 * rows (each gets 1/k of it: dm/di_j = 1/k), one optimiser step per row per user visit instead of one per
 * triplet. The default by-user order makes a user's examples consecutive, so m_u is computed once per
 * visit (k row reads) and h_u refreshed from the moving u before each scoring (dim multiply-adds).
 * Users without liked items (explicit triplets only) keep h_u = u and the plain update.
 */
export class BehaviourAnchor {
  private readonly cachedUsers = new Int32Array(CACHED_MEANS).fill(-1);
  private readonly means: Float64Array[];
  private evictNext = 0;
  /** The user whose g dL/dh is being summed (-1: none). */
  private pendingUser = -1;
  private readonly pending: Float64Array;
  private readonly spread: Float64Array;
  private scratchRowsUsed = 0;

  private readonly kernel: AnchorMixKernel | null;
  /**
   * Each user's g (`userMixShare` of their liked count), computed once: it is read per example. f64, the
   * export's precision, so the exported mix is the anchor the loss saw.
   */
  private readonly shares: Float64Array;

  constructor(private readonly parts: BehaviourAnchorParts) {
    const { dim, memory, anchors } = parts;
    const placed =
      memory && dim % 4 === 0 && anchors.buffer === memory.memory.buffer
        ? claimScratch(memory, anchorMeanBytes(dim))
        : -1;
    this.means = Array.from({ length: CACHED_MEANS }, (_, slot) =>
      placed >= 0
        ? new Float64Array(memory!.memory.buffer, placed + slot * dim * 8, dim)
        : new Float64Array(dim),
    );
    this.kernel =
      placed >= 0
        ? instantiateLibWasm<AnchorMixKernel>(SRC_DIR, 'anchor-mix', memory!.memory)
        : null;
    this.pending = new Float64Array(dim);
    this.spread = new Float64Array(dim);
    const { positives } = parts;
    this.shares = Float64Array.from({ length: positives.offsets.length - 1 }, (_, user) =>
      userMixShare(parts, positives.countOf(user)),
    );
  }

  /** A scratch row of this thread's own (one per geometry that sets anchors). */
  claimScratchRow(): number {
    const { first, count } = this.parts.scratch;
    if (this.scratchRowsUsed >= count) throw new Error('behaviour anchor: no scratch row left');
    return first + this.scratchRowsUsed++;
  }

  /**
   * Writes h_user into scratch row `row` of `anchors` and returns its offset (floats); a user without
   * liked items is scored as is (its own offset).
   */
  writeAnchor(user: number, row: number): number {
    const { dim, positives, anchors } = this.parts;
    if (positives.countOf(user) === 0) return user * dim;
    const share = this.shares[user];
    const mean = this.meanOf(user);
    const from = user * dim;
    const to = row * dim;
    const keep = 1 - share;
    if (this.kernel !== null) {
      const at = anchors.byteOffset;
      this.kernel.mix(at + to * 4, at + from * 4, mean.byteOffset, dim, keep, share);
      return to;
    }
    for (let k = 0; k < dim; k++) anchors[to + k] = keep * anchors[from + k] + share * mean[k];
    return to;
  }

  /** As `writeAnchor`, as a byte address in the table memory (what the candidate block scores against). */
  writeAnchorAddress(user: number, row: number): number {
    return (
      this.parts.anchors.byteOffset + this.writeAnchor(user, row) * Float32Array.BYTES_PER_ELEMENT
    );
  }

  /**
   * Takes the kernel's dL/dh_user: keeps (1 - g) of it in `grad` (for the user row's own step) and sums
   * g of it for the user's liked rows. A new user first spreads the previous user's sum.
   */
  takeUserGradient(user: number, grad: Float64Array): void {
    const { dim, positives } = this.parts;
    if (positives.countOf(user) === 0) return;
    const share = this.shares[user];
    if (user !== this.pendingUser) {
      this.flush();
      this.pendingUser = user;
    }
    const pending = this.pending;
    const keep = 1 - share;
    for (let k = 0; k < dim; k++) {
      pending[k] += share * grad[k];
      grad[k] *= keep;
    }
  }

  /** The user row's share of the anchor gradient: 1 - g_user, or 1 for a user scored as their own row. */
  keepOf(user: number): number {
    return this.mixes(user) ? 1 - this.shares[user] : 1;
  }

  /** True when `user` is scored as a mix (has liked items); else as their own row. */
  mixes(user: number): boolean {
    return this.parts.positives.countOf(user) > 0;
  }

  /**
   * The fused step's path (it stepped the user row with (1 - g) of dL/dh_user itself): sums g of
   * `grad` (dL/dh_user, f32) for the user's liked rows, when a triplet was active (a nonzero gradient),
   * as `takeUserGradient` would.
   */
  takeAnchorGradient(user: number, grad: Float32Array): void {
    const { dim } = this.parts;
    if (!this.mixes(user)) return;
    const share = this.shares[user];
    let active = false;
    for (let k = 0; k < dim && !active; k++) active = grad[k] !== 0;
    if (!active) return;
    if (user !== this.pendingUser) {
      this.flush();
      this.pendingUser = user;
    }
    const pending = this.pending;
    for (let k = 0; k < dim; k++) pending[k] += share * grad[k];
  }

  /**
   * Spreads the pending user's summed gradient over their liked rows (1/k each) and forgets the user's
   * mean (those rows just moved).
   */
  flush(): void {
    const user = this.pendingUser;
    if (user < 0) return;
    this.pendingUser = -1;
    const { dim, positives, itemOptimizer } = this.parts;
    const first = positives.offsets[user];
    const end = positives.offsets[user + 1];
    const scale = 1 / (end - first);
    const pending = this.pending;
    const spread = this.spread;
    for (let j = first; j < end; j++) {
      // The optimiser may change its gradient in place (the L2 penalty): each row gets a fresh copy.
      for (let k = 0; k < dim; k++) spread[k] = scale * pending[k];
      itemOptimizer.applyRow(positives.items[j], spread);
    }
    pending.fill(0);
    this.forget(user);
  }

  /** Spreads what is pending and forgets every mean (call when the tables may have moved: a new epoch). */
  reset(): void {
    this.flush();
    this.cachedUsers.fill(-1);
  }

  private meanOf(user: number): Float64Array {
    const cached = this.cachedUsers.indexOf(user);
    if (cached >= 0) return this.means[cached];
    const slot = this.evictNext;
    this.evictNext = (slot + 1) % CACHED_MEANS;
    this.cachedUsers[slot] = user;
    const mean = this.means[slot];
    const { dim, positives, items } = this.parts;
    const first = positives.offsets[user];
    const end = positives.offsets[user + 1];
    mean.fill(0);
    for (let j = first; j < end; j++) {
      const offset = positives.items[j] * dim;
      for (let k = 0; k < dim; k++) mean[k] += items[offset + k];
    }
    const scale = 1 / (end - first);
    for (let k = 0; k < dim; k++) mean[k] *= scale;
    return mean;
  }

  private forget(user: number): void {
    const cached = this.cachedUsers.indexOf(user);
    if (cached >= 0) this.cachedUsers[cached] = -1;
  }
}
