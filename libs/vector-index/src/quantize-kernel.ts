import {
  functionBody,
  incrementLocal,
  kernelModuleBytes,
  Op,
  ValueType,
} from '@recsys/wasm-encoding';

/** Dimensions one loop step encodes: four f32x4 narrowed into one i8x16. */
export const QUANTIZE_STEP_DIMS = 16;

/**
 * Scalar quantisation of one row in kernel memory (see scalar-quantizer.ts): about ten times the speed of
 * the JavaScript loop. `offsets`, `inverseScales`, `scales` are per-dimension f32 rows (0 beyond the
 * dimension, so padding encodes to 0); `steps` = code bytes / QUANTIZE_STEP_DIMS.
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

// params: source 0, codes 1, offsets 2, inverseScales 3, scales 4, steps 5
// locals: v128 half 6, top 7, bias 8, norm 9, code 10-13, decoded 14; f32 none
const [HALF, TOP, BIAS, NORM, DECODED] = [6, 7, 8, 9, 14];
const CODES = [10, 11, 12, 13];

/** code = trunc(clamp((x − offset)·inverseScale + 128.5, 0, 255)) − 128 into local `into`; adds x̂² to norm. */
function encodeLanes(lanes: number): number[] {
  const at = 16 * lanes;
  return [
    ...[
      ...Op.localGet(0),
      ...Op.v128Load(at),
      ...Op.localGet(2),
      ...Op.v128Load(at),
      ...Op.f32x4Sub,
    ],
    ...[
      ...Op.localGet(3),
      ...Op.v128Load(at),
      ...Op.f32x4Mul,
      ...Op.localGet(HALF),
      ...Op.f32x4Add,
    ],
    ...[...Op.v128Zero, ...Op.f32x4Max, ...Op.localGet(TOP), ...Op.f32x4Min],
    ...[
      ...Op.i32x4TruncateF32x4,
      ...Op.localGet(BIAS),
      ...Op.i32x4Sub,
      ...Op.localTee(CODES[lanes]),
    ],
    // decoded = offset + scale · code
    ...[...Op.f32x4ConvertI32x4, ...Op.localGet(4), ...Op.v128Load(at), ...Op.f32x4Mul],
    ...[...Op.localGet(2), ...Op.v128Load(at), ...Op.f32x4Add, ...Op.localTee(DECODED)],
    ...[...Op.localGet(DECODED), ...Op.f32x4Mul, ...Op.localGet(NORM), ...Op.f32x4Add, ...Op.localSet(NORM)], // prettier-ignore
  ];
}

function encodeRowBody(): number[] {
  const splat = (value: number, local: number) => [...Op.f32Const(value), ...Op.f32x4Splat, ...Op.localSet(local)]; // prettier-ignore
  const lane = (index: number) => [...Op.localGet(NORM), ...Op.f32x4ExtractLane(index)];
  const code = [
    ...[...splat(128.5, HALF), ...splat(255, TOP), ...Op.i32Const(128), ...Op.i32x4Splat, ...Op.localSet(BIAS)], // prettier-ignore
    ...Op.loop,
    ...[0, 1, 2, 3].flatMap(encodeLanes),
    ...[
      ...Op.localGet(1),
      ...Op.localGet(CODES[0]),
      ...Op.localGet(CODES[1]),
      ...Op.i16x8NarrowI32x4,
    ],
    ...[...Op.localGet(CODES[2]), ...Op.localGet(CODES[3]), ...Op.i16x8NarrowI32x4, ...Op.i8x16NarrowI16x8], // prettier-ignore
    ...Op.v128Store(),
    ...[0, 2, 3, 4].flatMap((pointer) => incrementLocal(pointer, 4 * QUANTIZE_STEP_DIMS)),
    ...incrementLocal(1, QUANTIZE_STEP_DIMS),
    ...[...Op.localGet(5), ...Op.i32Const(1), ...Op.i32Sub, ...Op.localTee(5), ...Op.brIf(0)],
    ...Op.end,
    ...[...lane(0), ...lane(1), ...Op.f32Add, ...lane(2), ...lane(3), ...Op.f32Add, ...Op.f32Add],
  ];
  return functionBody([[9, ValueType.v128]], code);
}

let compiled: WebAssembly.Module | undefined;

/** The kernel bound to `memory`; the module is compiled once per thread. */
export function instantiateQuantizeKernel(memory: WebAssembly.Memory): QuantizeKernel {
  compiled ??= new WebAssembly.Module(
    kernelModuleBytes([
      { name: 'encodeRow', params: 6, result: ValueType.f32, body: encodeRowBody() },
    ]),
  );
  const { exports } = new WebAssembly.Instance(compiled, { env: { memory } });
  return exports as unknown as QuantizeKernel;
}
