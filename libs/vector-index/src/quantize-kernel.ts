import { instantiateLibWasm } from '@recsys/wasm-modules';

/** Dimensions one loop step encodes: four f32x4 narrowed into one i8x16. */
export const QUANTIZE_STEP_DIMS = 16;

/**
 * Scalar quantisation of one row in kernel memory (see scalar-quantizer.ts, `assembly/quantize-kernel.wat`):
 * about ten times the speed of the JavaScript loop. `offsets`, `inverseScales`, `scales` are per-dimension
 * f32 rows (0 beyond the dimension, so padding encodes to 0); `steps` = code bytes / QUANTIZE_STEP_DIMS.
 */
export interface QuantizeKernel {
  /** Writes the i8 codes of the f32 row at `source` to `codes`; returns the squared norm decoded. */
  encodeRow(
    source: number,
    codes: number,
    offsets: number,
    inverseScales: number,
    scales: number,
    steps: number,
  ): number;
}

/** The kernel bound to `memory`; the module is compiled once per thread. */
export function instantiateQuantizeKernel(memory: WebAssembly.Memory): QuantizeKernel {
  return instantiateLibWasm<QuantizeKernel>(__dirname, 'quantize-kernel', memory);
}
