import {
  countDownLoop,
  functionBody,
  incrementLocal,
  kernelModuleBytes,
  Op,
  ValueType,
} from '@recsys/wasm-encoding';

/** Dimensions a kernel loop step reads from each code row: two 8-lane i16 dot products. */
export const CODE_STEP_DIMS = 16;

/**
 * Integer dot products of an i16 query with rows of i8 codes (scalar-quantised vectors), on byte
 * addresses in the imported memory: four times fewer bytes to read than f32 rows, and 8 multiply-adds per
 * instruction. `steps` = code row bytes / CODE_STEP_DIMS; the query holds 2 bytes per dimension.
 */
export interface CodeKernel {
  /** out[i] (i32) = Σ query[d]·code[i][d] for `count` consecutive code rows. */
  codeDots(query: number, codes: number, count: number, steps: number, out: number): void;
}

function codeDotsBody(): number[] {
  // params: query 0, codes 1, count 2, steps 3, out 4; locals: step 5, queryAt 6, sum0 7, sum1 8
  const multiplyAdd = (sum: number, offset: number) => [
    ...Op.localGet(sum),
    ...Op.localGet(6),
    ...Op.v128Load(2 * offset),
    ...Op.localGet(1),
    ...Op.v128Load8x8Signed(offset),
    ...Op.i32x4DotI16x8,
    ...Op.i32x4Add,
    ...Op.localSet(sum),
  ];
  const lane = (index: number) => [...Op.localGet(7), ...Op.i32x4ExtractLane(index)];
  const row = [
    ...[...Op.v128Zero, ...Op.localSet(7), ...Op.v128Zero, ...Op.localSet(8)],
    ...[...Op.localGet(0), ...Op.localSet(6), ...Op.localGet(3), ...Op.localSet(5)],
    ...Op.loop,
    ...multiplyAdd(7, 0),
    ...multiplyAdd(8, 8),
    ...incrementLocal(6, 2 * CODE_STEP_DIMS),
    ...incrementLocal(1, CODE_STEP_DIMS),
    ...[...Op.localGet(5), ...Op.i32Const(1), ...Op.i32Sub, ...Op.localTee(5), ...Op.brIf(0)],
    ...Op.end,
    ...[...Op.localGet(7), ...Op.localGet(8), ...Op.i32x4Add, ...Op.localSet(7)],
    ...Op.localGet(4),
    ...[...lane(0), ...lane(1), ...Op.i32Add, ...lane(2), ...lane(3), ...Op.i32Add, ...Op.i32Add],
    ...Op.i32Store(),
    ...incrementLocal(4, 4),
  ];
  return functionBody(
    [
      [2, ValueType.i32],
      [2, ValueType.v128],
    ],
    countDownLoop(2, row),
  );
}

let compiled: WebAssembly.Module | undefined;

/** The code kernel bound to `memory`; the module is compiled once per thread. */
export function instantiateCodeKernel(memory: WebAssembly.Memory): CodeKernel {
  compiled ??= new WebAssembly.Module(
    kernelModuleBytes([{ name: 'codeDots', params: 5, body: codeDotsBody() }]),
  );
  const { exports } = new WebAssembly.Instance(compiled, { env: { memory } });
  return exports as unknown as CodeKernel;
}
