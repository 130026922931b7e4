import { instantiateLibWasm } from '@recsys/wasm-modules';

/**
 * argmin over rows of |x|² − 2·q·x (the nearest row to q; the first on ties) without writing the
 * distances out: the inner loop of k-means assignment (`assembly/nearest-row-kernel.wat`, four rows per
 * pass so that each query load serves four rows). `count` ≥ 1.
 */
export interface NearestRowKernel {
  /** f32 rows and norms; `steps` = row stride / 4 floats. About 1.5x distances + a JavaScript argmin. */
  nearestRow(query: number, rows: number, norms: number, count: number, steps: number): number;
  /**
   * i8 code rows and a code query (all with one scale, so code distances rank like real ones), i32 norms
   * Σc²; `steps` = code row bytes / 8. Reads four times fewer bytes and does twice the multiply-adds per
   * instruction of `nearestRow`.
   */
  nearestCode(query: number, codes: number, norms: number, count: number, steps: number): number;
}

/** The kernels bound to `memory`; the module is compiled once per thread. */
export function instantiateNearestRowKernel(memory: WebAssembly.Memory): NearestRowKernel {
  return instantiateLibWasm<NearestRowKernel>(__dirname, 'nearest-row-kernel', memory);
}
