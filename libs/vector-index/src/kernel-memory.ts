import { DomainError } from '@recsys/domain';
import { CODE_STEP_DIMS, instantiateCodeKernel, type CodeKernel } from './code-kernel';
import {
  KERNEL_BATCH_ROWS,
  PAGE_BYTES,
  planKernelLayout,
  scratchAreas,
  scratchPages,
  type KernelLayout,
  type RowBlock,
  type Scratch,
} from './kernel-layout';
import {
  instantiateDistanceKernel,
  KERNEL_STEP_FLOATS,
  type DistanceKernel,
} from './distance-kernel';
import {
  instantiateQuantizeKernel,
  QUANTIZE_STEP_DIMS,
  type QuantizeKernel,
} from './quantize-kernel';
import { instantiateNearestRowKernel, type NearestRowKernel } from './nearest-row-kernel';

export { KERNEL_BATCH_ROWS, type KernelLayout, type RowBlock } from './kernel-layout';

const MAX_PAGES = 65_536;

/**
 * Rows of floats in a shared WebAssembly memory, with SIMD kernels that compute the distances from a query
 * to many rows in one call (about 6x the multiply-adds per second of a JavaScript loop, measured here).
 * Shared, so a worker thread can build an index in it and hand the whole memory to another thread without
 * a copy. Each `KernelMemory` object owns a scratch area (query, ids, results) at the end of the memory, so
 * objects attached to the same memory from different threads never write over each other.
 */
export class KernelMemory {
  readonly floats: Float32Array;
  /** Write the ids for `distancesAt` here (the first `count` entries are read). */
  readonly ids: Int32Array;
  private readonly kernel: DistanceKernel;
  private readonly codeKernel: CodeKernel;
  private readonly nearestRowKernel: NearestRowKernel;
  private readonly quantizeKernel: QuantizeKernel;
  private readonly steps: number;
  private readonly scratch: Scratch;
  private readonly query: Float32Array;
  private readonly codeQuery: Int16Array;
  private readonly out: Float32Array;
  private readonly codeOut: Int32Array;

  private constructor(
    readonly memory: WebAssembly.Memory,
    readonly layout: KernelLayout,
    scratchAt: number,
  ) {
    const { buffer } = memory;
    this.kernel = instantiateDistanceKernel(memory);
    this.codeKernel = instantiateCodeKernel(memory);
    this.nearestRowKernel = instantiateNearestRowKernel(memory);
    this.quantizeKernel = instantiateQuantizeKernel(memory);
    this.steps = layout.stride / KERNEL_STEP_FLOATS;
    this.floats = new Float32Array(buffer);
    this.scratch = scratchAreas(layout, scratchAt);
    const { queryAt, codeQueryAt, idsAt, outAt } = this.scratch;
    this.query = new Float32Array(buffer, queryAt, layout.stride);
    this.codeQuery = new Int16Array(buffer, codeQueryAt, layout.codeBytes);
    this.ids = new Int32Array(buffer, idsAt, KERNEL_BATCH_ROWS);
    this.out = new Float32Array(buffer, outAt, KERNEL_BATCH_ROWS);
    this.codeOut = new Int32Array(buffer, outAt, KERNEL_BATCH_ROWS);
  }

  /**
   * A new zeroed memory holding float blocks of the given row counts for vectors of `dim` floats, and
   * code blocks of the given row counts.
   */
  static create(dim: number, blockRows: number[], codeBlockRows: number[] = []): KernelMemory {
    const { layout, bytes } = planKernelLayout(dim, {
      blocks: blockRows,
      codeBlocks: codeBlockRows,
    });
    const dataPages = Math.ceil(bytes / PAGE_BYTES);
    const pages = dataPages + scratchPages(layout);
    if (pages > MAX_PAGES) {
      throw new DomainError('INDEX_TOO_LARGE', 'the vectors do not fit in 4 GiB of kernel memory', {
        bytes,
      });
    }
    const memory = new WebAssembly.Memory({ initial: pages, maximum: MAX_PAGES, shared: true });
    return new KernelMemory(memory, layout, dataPages * PAGE_BYTES);
  }

  /** Uses a memory built elsewhere (another thread): only a fresh scratch area is added, no copy. */
  static attach(memory: WebAssembly.Memory, layout: KernelLayout): KernelMemory {
    const scratchAt = memory.grow(scratchPages(layout)) * PAGE_BYTES;
    return new KernelMemory(memory, layout, scratchAt);
  }

  get stride(): number {
    return this.layout.stride;
  }

  /** Block `index` of the layout. */
  block(index: number): RowBlock {
    return this.layout.blocks[index];
  }

  /** The rows of `block` ([count, stride]), a view. */
  rows(block: RowBlock): Float32Array {
    return this.floats.subarray(block.rowsAt / 4, block.rowsAt / 4 + block.count * this.stride);
  }

  /** The squared norms of `block`'s rows, a view. */
  norms(block: RowBlock): Float32Array {
    return this.floats.subarray(block.normsAt / 4, block.normsAt / 4 + block.count);
  }

  /** The norms of a code block as i32 (Σc², for `nearestCode`), a view. */
  integerNorms(block: RowBlock): Int32Array {
    return new Int32Array(this.memory.buffer, block.normsAt, block.count);
  }

  /** Byte address of row `row` of `block`, usable as a query. */
  rowAddress(block: RowBlock, row: number): number {
    return block.rowsAt + row * this.stride * 4;
  }

  /** Copies `query` (up to `dim` floats; the rest reads as 0) into the scratch query; returns its address. */
  loadQuery(query: Float32Array): number {
    const length = Math.min(query.length, this.layout.dim);
    this.query.set(query.subarray(0, length));
    this.query.fill(0, length);
    return this.scratch.queryAt;
  }

  /**
   * |x|² − 2·q·x for rows first .. first+count of `block` (count ≤ KERNEL_BATCH_ROWS), for the query at
   * byte address `queryAt`. Returns a view that the next call overwrites.
   */
  distances(
    queryAt: number,
    block: RowBlock,
    range: { first: number; count: number },
  ): Float32Array {
    const { first, count } = range;
    const rowsAt = block.rowsAt + first * this.stride * 4;
    const { outAt } = this.scratch;
    this.kernel.distances(queryAt, rowsAt, block.normsAt + first * 4, count, this.steps, outAt);
    return this.out;
  }

  /** |x|² − 2·q·x for the rows of `block` listed in `ids[0 .. count)`; a view the next call overwrites. */
  distancesAt(queryAt: number, block: RowBlock, count: number): Float32Array {
    const { kernel, steps } = this;
    const { idsAt, outAt } = this.scratch;
    kernel.distancesAt(queryAt, block.rowsAt, block.normsAt, idsAt, count, steps, outAt);
    return this.out;
  }

  /** The row of `block` nearest (Euclidean) the query at byte address `queryAt`; the first on ties. */
  nearestRow(queryAt: number, block: RowBlock): number {
    const { rowsAt, normsAt, count } = block;
    return count === 0 ? -1 : this.nearestRowKernel.nearestRow(queryAt, rowsAt, normsAt, count, this.stride / 4); // prettier-ignore
  }

  /**
   * The row of code block `codes` nearest the code row at byte address `queryAt` (codes of one scale:
   * argmin Σc² − 2·q·c, with the i32 norms of `integerNorms`); the first on ties.
   */
  nearestCode(queryAt: number, codes: RowBlock): number {
    const { rowsAt, normsAt, count } = codes;
    const steps = this.layout.codeBytes / 8;
    return count === 0 ? -1 : this.nearestRowKernel.nearestCode(queryAt, rowsAt, normsAt, count, steps); // prettier-ignore
  }

  /**
   * Encodes the f32 row at byte address `sourceAt` into row `row` of `codes` with the quantizer stored as
   * the three rows of `quantizer` (offsets, inverse scales, scales); returns the decoded row's |x̂|².
   */
  encodeRow(
    sourceAt: number,
    target: { codes: RowBlock; row: number },
    quantizer: RowBlock,
  ): number {
    const { codeBytes } = this.layout;
    const rowBytes = this.stride * 4;
    const offsets = quantizer.rowsAt;
    const codesAt = target.codes.rowsAt + target.row * codeBytes;
    const steps = codeBytes / QUANTIZE_STEP_DIMS;
    return this.quantizeKernel.encodeRow(sourceAt, codesAt, offsets, offsets + rowBytes, offsets + 2 * rowBytes, steps); // prettier-ignore
  }

  /** The i8 rows of a code block ([count, codeBytes]), a view. */
  codes(block: RowBlock): Int8Array {
    return new Int8Array(this.memory.buffer, block.rowsAt, block.count * this.layout.codeBytes);
  }

  /** Byte address of row `row` of code block `block`. */
  codeRowAddress(block: RowBlock, row: number): number {
    return block.rowsAt + row * this.layout.codeBytes;
  }

  /** Copies `query` (an i16 per dimension, up to `dim` of them) into the scratch code query. */
  loadCodeQuery(query: Int16Array): void {
    this.codeQuery.set(query.subarray(0, this.layout.dim));
    this.codeQuery.fill(0, Math.min(query.length, this.layout.dim));
  }

  /**
   * Integer dot products of the code query with rows first .. first+count of `codes` (count ≤
   * KERNEL_BATCH_ROWS). Returns a view that the next call overwrites.
   */
  codeDots(codes: RowBlock, range: { first: number; count: number }): Int32Array {
    const { codeBytes } = this.layout;
    const { codeQueryAt, outAt } = this.scratch;
    const codesAt = codes.rowsAt + range.first * codeBytes;
    this.codeKernel.codeDots(codeQueryAt, codesAt, range.count, codeBytes / CODE_STEP_DIMS, outAt);
    return this.codeOut;
  }
}

/** Rows first .. first+count of `block`, as a block of its own (same memory, no copy). */
export function subBlock(
  block: RowBlock,
  stride: number,
  range: { first: number; count: number },
): RowBlock {
  const { first, count } = range;
  return { rowsAt: block.rowsAt + first * stride * 4, normsAt: block.normsAt + first * 4, count };
}
