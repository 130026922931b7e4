import { CODE_STEP_DIMS } from './code-kernel';

/** A table of rows in kernel memory: byte addresses of the rows ([count, stride]) and their squared norms. */
export interface RowBlock {
  readonly rowsAt: number;
  readonly normsAt: number;
  readonly count: number;
}

/** Where everything lives in a kernel memory: enough to use it from another thread. */
export interface KernelLayout {
  /** Floats per stored vector (dimensions actually used). */
  dim: number;
  /** Floats per row: `dim` rounded up to a multiple of 16 (every kernel's step); the padding is zero. */
  stride: number;
  blocks: RowBlock[];
  /** Blocks of scalar-quantised rows, `codeBytes` i8 per row (`dim` rounded up to the code step). */
  codeBlocks: RowBlock[];
  codeBytes: number;
}

export const PAGE_BYTES = 65_536;

/** Rows one kernel call handles (the size of the scratch id and result buffers). */
export const KERNEL_BATCH_ROWS = 4_096;

/** Byte addresses of one scratch area: a query row, an i16 code query, ids and results for a batch. */
export interface Scratch {
  queryAt: number;
  codeQueryAt: number;
  idsAt: number;
  outAt: number;
}

/**
 * The layout of float blocks and code blocks of the given row counts for vectors of `dim` floats, one
 * after the other, each followed by its norms; and the bytes they take.
 */
export function planKernelLayout(
  dim: number,
  rows: { blocks: number[]; codeBlocks: number[] },
): { layout: KernelLayout; bytes: number } {
  // One rounding for both: the quantize kernel reads a code row's worth of floats from a row.
  const stride = Math.ceil(dim / CODE_STEP_DIMS) * CODE_STEP_DIMS;
  const codeBytes = stride;
  let at = 0;
  const place = (count: number, rowBytes: number): RowBlock => {
    const rowsAt = at;
    const normsAt = rowsAt + count * rowBytes;
    at = normsAt + Math.ceil(count / 4) * 16;
    return { rowsAt, normsAt, count };
  };
  const blocks = rows.blocks.map((count) => place(count, stride * 4));
  const codeBlocks = rows.codeBlocks.map((count) => place(count, codeBytes));
  return { layout: { dim, stride, blocks, codeBlocks, codeBytes }, bytes: at };
}

/** Pages for one scratch area. */
export function scratchPages(layout: KernelLayout): number {
  return Math.ceil((layout.stride * 4 + layout.codeBytes * 2 + KERNEL_BATCH_ROWS * 8) / PAGE_BYTES);
}

/** The scratch area starting at byte `scratchAt`. */
export function scratchAreas(layout: KernelLayout, scratchAt: number): Scratch {
  const codeQueryAt = scratchAt + layout.stride * 4;
  const idsAt = codeQueryAt + layout.codeBytes * 2;
  return { queryAt: scratchAt, codeQueryAt, idsAt, outAt: idsAt + KERNEL_BATCH_ROWS * 4 };
}
