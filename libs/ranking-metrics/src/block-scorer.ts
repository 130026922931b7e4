import {
  DOT_KERNEL_USERS,
  instantiateDotKernel,
  interleaveUsers,
  type DotKernel,
} from './wasm-dot-kernel';
import { ITEM_GROUP, ScoringTables } from './scoring-tables';

/** Users scored per call (a multiple of 4, the kernel's width): they share each cache-resident item chunk. */
export const USER_BLOCK = 16;
/** Item groups per chunk: 64 x 8 items x 64 dims x 4 bytes = 128 KiB, reused by the block's users in L2. */
const GROUPS_PER_CHUNK = 64;

/**
 * Computes raw dot products of up to USER_BLOCK users with every item through the WebAssembly SIMD
 * kernel. Owns a WebAssembly memory holding the transposed items, the user block and the scores;
 * one instance per thread.
 */
export class BlockScorer {
  private readonly kernel: DotKernel;
  private readonly usersAt: number;
  private readonly scoresAt: number;
  private readonly users: Float32Array;
  private readonly scores: Float32Array;

  constructor(private readonly tables: ScoringTables) {
    const { dim, paddedItemCount } = tables;
    const itemBytes = tables.itemGroups.length * 4;
    this.usersAt = itemBytes;
    this.scoresAt = itemBytes + USER_BLOCK * dim * 4;
    const totalBytes = this.scoresAt + USER_BLOCK * paddedItemCount * 4;
    const memory = new WebAssembly.Memory({ initial: Math.ceil(totalBytes / 65536) });
    this.kernel = instantiateDotKernel(memory);
    new Float32Array(memory.buffer, 0, tables.itemGroups.length).set(tables.itemGroups);
    this.users = new Float32Array(memory.buffer, this.usersAt, USER_BLOCK * dim);
    this.scores = new Float32Array(memory.buffer, this.scoresAt, USER_BLOCK * paddedItemCount);
  }

  /**
   * Scores `userRows` ([rows, dim], rows <= USER_BLOCK) and returns raw dots [USER_BLOCK, paddedItemCount];
   * row r holds user r's u · i for every item (rows beyond `rows` are scores of zero vectors).
   * The view is overwritten by the next call.
   */
  score(userRows: Float32Array): Float32Array {
    const { dim, paddedItemCount } = this.tables;
    const rows = userRows.length / dim;
    this.users.fill(0);
    interleaveUsers(userRows, dim, this.users);
    const totalGroups = paddedItemCount / ITEM_GROUP;
    const groupBytes = ITEM_GROUP * dim * 4;
    for (let group = 0; group < totalGroups; group += GROUPS_PER_CHUNK) {
      const groups = Math.min(GROUPS_PER_CHUNK, totalGroups - group);
      for (let first = 0; first < rows; first += DOT_KERNEL_USERS) {
        // Each run of 4 interleaved users takes 4·dim floats, as 4 rows would.
        const users = this.usersAt + first * dim * 4;
        const out = this.scoresAt + (first * paddedItemCount + group * ITEM_GROUP) * 4;
        this.kernel.dots(users, group * groupBytes, out, groups, dim, paddedItemCount * 4);
      }
    }
    return this.scores;
  }
}
