/**
 * The embedding tables inside one shared WebAssembly memory, so the SIMD row kernel
 * (`assembly/row-scores.wat`) reads the rows where the optimisers write them: no copy per scored row, and
 * the worker threads of a Hogwild run share it as they shared SharedArrayBuffers. A plain object (it is
 * structured-cloned into the workers). Layout: the i32 at byte 0 is the bump pointer of a scratch arena
 * [ARENA_START, arenaEnd) from which each geometry claims its offsets and scores; the tables follow.
 */
export interface TableMemory {
  memory: WebAssembly.Memory;
  /** End (bytes) of the scratch arena. */
  arenaEnd: number;
}

const PAGE_BYTES = 65536;
/** wasm32 addresses 4 GiB; a shared memory needs a maximum. */
const MAX_PAGES = 65536;
const ARENA_START = 64;
/** Rows start on a cache line. */
const ALIGN_BYTES = 64;

/**
 * Float32Array tables of the given lengths in a new memory with `arenaBytes` of scratch; null when they
 * do not fit in wasm32's 4 GiB (the caller then keeps plain arrays and the geometries gather rows).
 */
export function allocateTableMemory(
  lengths: number[],
  arenaBytes: number,
): { tableMemory: TableMemory; tables: Float32Array[] } | null {
  const arenaEnd = alignUp(ARENA_START + arenaBytes);
  const starts: number[] = [];
  let end = arenaEnd;
  for (const length of lengths) {
    starts.push(end);
    end = alignUp(end + length * Float32Array.BYTES_PER_ELEMENT);
  }
  const pages = Math.max(1, Math.ceil(end / PAGE_BYTES));
  if (pages > MAX_PAGES) return null;
  // Never grown: the views below stay whole.
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
  new Int32Array(memory.buffer, 0, 1)[0] = ARENA_START;
  return {
    tableMemory: { memory, arenaEnd },
    tables: lengths.map((length, i) => new Float32Array(memory.buffer, starts[i], length)),
  };
}

/** Claims `bytes` of the arena (any thread); returns the byte address, or -1 when the arena is full. */
export function claimScratch(tableMemory: TableMemory, bytes: number): number {
  const pointer = new Int32Array(tableMemory.memory.buffer, 0, 1);
  const size = alignUp(bytes);
  const start = Atomics.add(pointer, 0, size);
  return start + size <= tableMemory.arenaEnd ? start : -1;
}

/** `bytes` rounded up to the arena's alignment (a cache line): what a claim of `bytes` takes. */
export function alignUp(bytes: number): number {
  return Math.ceil(bytes / ALIGN_BYTES) * ALIGN_BYTES;
}
