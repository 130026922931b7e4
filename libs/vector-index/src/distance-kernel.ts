import { instantiateLibWasm } from '@recsys/wasm-modules';

/** Floats a kernel loop step reads from each vector: two 4-lane accumulators. Row strides are multiples. */
export const KERNEL_STEP_FLOATS = 8;

/**
 * The exported kernels (`assembly/distance-kernel.wat`), on byte addresses in the imported memory. Both
 * write, for each row x, `|x|² − 2·q·x` (the squared distance to q minus |q|², which ranks rows the same)
 * as f32 into `out`. `steps` = row stride / KERNEL_STEP_FLOATS; rows are zero-padded to the stride.
 */
export interface DistanceKernel {
  /** `count` consecutive rows from `rows`, their squared norms from `norms`. */
  distances(
    query: number,
    rows: number,
    norms: number,
    count: number,
    steps: number,
    out: number,
  ): void;
  /** The rows whose indices (i32) are at `ids`: row i at rows + i·stride, its norm at norms + 4·i. */
  distancesAt(
    query: number,
    rows: number,
    norms: number,
    ids: number,
    count: number,
    steps: number,
    out: number,
  ): void;
}

/** The kernels bound to `memory` (a shared WebAssembly.Memory); the module is compiled once per thread. */
export function instantiateDistanceKernel(memory: WebAssembly.Memory): DistanceKernel {
  return instantiateLibWasm<DistanceKernel>(__dirname, 'distance-kernel', memory);
}
