import { join } from 'node:path';
import { instantiateLibWasm } from '@recsys/wasm-modules';
import type { GeometryTables } from './row-geometry';
import { claimScratch, type TableMemory } from './table-memory';

/** The exports of `assembly/row-scores.wat` (byte addresses; offsets in floats). */
interface RowScoresKernel {
  squaredDistances(
    anchor: number,
    table: number,
    offsets: number,
    count: number,
    dim: number,
    out: number,
  ): void;
  dotsAndSquaredNorms(
    anchor: number,
    table: number,
    offsets: number,
    count: number,
    dim: number,
    out: number,
    norms: number,
  ): void;
}

/** Pages of a private memory for gathered rows: grown as needed, up to 1 GiB. */
const GATHER_MAX_PAGES = 16384;
const PAGE_BYTES = 65536;
/** Compiled `.wasm` lives in libs/embedding-training/wasm, beside src/. */
const SRC_DIR = join(__dirname, '..');

/**
 * Scores one anchor row against rows of the other table with the SIMD kernel, for every geometry (the
 * one row loop of the trainer). When the tables live in a `TableMemory` (training), the kernel reads them
 * in place and only the row offsets are copied (from the arena slice this scorer claims). Otherwise (plain
 * arrays: `tripletLossBatch`, tests, tfjs) the anchor and the rows are first gathered into a private
 * memory: same kernel, same results, plus a copy per row.
 */
export class RowScorer {
  /** f32 results of the last call: the squared distances or dots, then (dots only) the squared norms. */
  raw: Float32Array<ArrayBufferLike> = new Float32Array(0);
  norms: Float32Array<ArrayBufferLike> = new Float32Array(0);
  private kernel: RowScoresKernel;
  private memory: WebAssembly.Memory;
  /** Set when the tables live in it (direct mode); undefined: rows are gathered. */
  private readonly tableMemory: TableMemory | undefined;
  /** Byte addresses of the two tables in `memory` (direct mode). */
  private readonly anchorsBase: number;
  private readonly othersBase: number;
  private capacity = 0;
  private offsetsView: Int32Array<ArrayBufferLike> = new Int32Array(0);
  private offsetsAt = 0;
  private rawAt = 0;
  private normsAt = 0;
  /** Gather mode: where the anchor and the rows are copied. */
  private gatheredRows: Float32Array<ArrayBufferLike> = new Float32Array(0);
  private rowsAt = 0;
  private anchorAt = 0;

  constructor(private readonly tables: GeometryTables) {
    const tableMemory = tables.memory;
    this.tableMemory = tableMemory;
    this.memory =
      tableMemory?.memory ??
      new WebAssembly.Memory({ initial: 1, maximum: GATHER_MAX_PAGES, shared: true });
    this.kernel = instantiateLibWasm<RowScoresKernel>(SRC_DIR, 'row-scores', this.memory);
    this.anchorsBase = tables.anchors.byteOffset;
    this.othersBase = tables.others.byteOffset;
  }

  /** raw[r] = ||a - x_r||^2 for the rows at offsets[0..count). */
  squaredDistances(anchorOffset: number, offsets: Int32Array, count: number): void {
    const { anchor, table } = this.prepare(anchorOffset, offsets, count);
    const dim = this.tables.dim;
    this.kernel.squaredDistances(anchor, table, this.offsetsAt, count, dim, this.rawAt);
  }

  /** raw[r] = a . x_r and norms[r] = ||x_r||^2 for the rows at offsets[0..count). */
  dotsAndSquaredNorms(anchorOffset: number, offsets: Int32Array, count: number): void {
    const { anchor, table } = this.prepare(anchorOffset, offsets, count);
    const dim = this.tables.dim;
    const at = this.offsetsAt;
    this.kernel.dotsAndSquaredNorms(anchor, table, at, count, dim, this.rawAt, this.normsAt);
  }

  /** Copies the offsets (direct) or the rows (gather) where the kernel reads them. */
  private prepare(
    anchorOffset: number,
    offsets: Int32Array,
    count: number,
  ): { anchor: number; table: number } {
    if (count >= this.capacity) this.reserve(count);
    const view = this.offsetsView;
    if (this.tableMemory !== undefined) {
      for (let r = 0; r < count; r++) view[r] = offsets[r];
      return { anchor: this.anchorsBase + anchorOffset * 4, table: this.othersBase };
    }
    const { anchors, others, dim } = this.tables;
    const rows = this.gatheredRows;
    rows.set(anchors.subarray(anchorOffset, anchorOffset + dim), 0);
    for (let r = 0; r < count; r++) {
      rows.set(others.subarray(offsets[r], offsets[r] + dim), (r + 1) * dim);
      view[r] = r * dim;
    }
    return { anchor: this.anchorAt, table: this.rowsAt };
  }

  /** Room for `count` rows: twice that, claimed from the arena (direct) or the private memory (gather). */
  private reserve(count: number): void {
    const capacity = Math.max(64, count * 2);
    const dim = this.tables.dim;
    const scratchBytes = capacity * 12;
    if (this.tableMemory !== undefined) {
      const start = claimScratch(this.tableMemory, scratchBytes);
      if (start < 0) throw new Error('row scorer: the table memory scratch arena is full');
      this.place(start, capacity);
      return;
    }
    const bytes = scratchBytes + (capacity + 1) * dim * 4;
    const pages = Math.ceil(bytes / PAGE_BYTES);
    const current = this.memory.buffer.byteLength / PAGE_BYTES;
    if (pages > current) this.memory.grow(pages - current);
    this.place(0, capacity);
    this.anchorAt = scratchBytes;
    this.rowsAt = scratchBytes + dim * 4;
    this.gatheredRows = new Float32Array(this.memory.buffer, this.anchorAt, (capacity + 1) * dim);
  }

  private place(start: number, capacity: number): void {
    const buffer = this.memory.buffer;
    this.capacity = capacity;
    this.offsetsAt = start;
    this.rawAt = start + capacity * 4;
    this.normsAt = start + capacity * 8;
    this.offsetsView = new Int32Array(buffer, this.offsetsAt, capacity);
    this.raw = new Float32Array(buffer, this.rawAt, capacity);
    this.norms = new Float32Array(buffer, this.normsAt, capacity);
  }
}
