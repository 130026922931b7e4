import { instantiateLibWasm } from '@recsys/wasm-modules';

/** Dimensions a kernel loop step reads from each code row: two 8-lane i16 dot products. */
export const CODE_STEP_DIMS = 16;

/**
 * Integer dot products of an i16 query with rows of i8 codes (scalar-quantised vectors,
 * `assembly/code-kernel.wat`), on byte addresses in the imported memory: four times fewer bytes to read
 * than f32 rows, and 8 multiply-adds per instruction. `steps` = code row bytes / CODE_STEP_DIMS; the query
 * holds 2 bytes per dimension.
 */
export interface CodeKernel {
  /** out[i] (i32) = Σ query[d]·code[i][d] for `count` consecutive code rows. */
  codeDots(query: number, codes: number, count: number, steps: number, out: number): void;
}

/** The code kernel bound to `memory`; the module is compiled once per thread. */
export function instantiateCodeKernel(memory: WebAssembly.Memory): CodeKernel {
  return instantiateLibWasm<CodeKernel>(__dirname, 'code-kernel', memory);
}
