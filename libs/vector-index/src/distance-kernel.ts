import {
  countDownLoop,
  functionBody,
  incrementLocal,
  kernelModuleBytes,
  Op,
  ValueType,
} from '@recsys/wasm-encoding';

/** Floats a kernel loop step reads from each vector: two 4-lane accumulators. Row strides are multiples. */
export const KERNEL_STEP_FLOATS = 8;

/**
 * The exported kernels, on byte addresses in the imported memory. Both write, for each row x,
 * `|x|² − 2·q·x` (the squared distance to q minus |q|², which ranks rows the same) as f32 into `out`.
 * `steps` = row stride / KERNEL_STEP_FLOATS; rows are zero-padded to the stride.
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

/** Locals the dot product code uses. */
interface DotLocals {
  query: number;
  row: number;
  steps: number;
  step: number;
  queryAt: number;
  sum0: number;
  sum1: number;
}

/** sum += query lanes · row lanes at byte `offset`. */
const multiplyAdd = (local: DotLocals, sum: number, offset: number) => [
  ...[...Op.localGet(sum), ...Op.localGet(local.queryAt), ...Op.v128Load(offset)],
  ...[...Op.localGet(local.row), ...Op.v128Load(offset), ...Op.f32x4Mul, ...Op.f32x4Add],
  ...Op.localSet(sum),
];

/** Leaves q·row (f32) on the stack; advances the `row` local by one stride. */
function dotProductCode(local: DotLocals): number[] {
  const { query, steps, step, queryAt, sum0, sum1 } = local;
  const lane = (index: number) => [...Op.localGet(sum0), ...Op.f32x4ExtractLane(index)];
  return [
    ...[...Op.v128Zero, ...Op.localSet(sum0), ...Op.v128Zero, ...Op.localSet(sum1)],
    ...[
      ...Op.localGet(query),
      ...Op.localSet(queryAt),
      ...Op.localGet(steps),
      ...Op.localSet(step),
    ],
    ...Op.loop,
    ...multiplyAdd(local, sum0, 0),
    ...multiplyAdd(local, sum1, 16),
    ...incrementLocal(queryAt, KERNEL_STEP_FLOATS * 4),
    ...incrementLocal(local.row, KERNEL_STEP_FLOATS * 4),
    ...[...Op.localGet(step), ...Op.i32Const(1), ...Op.i32Sub, ...Op.localTee(step), ...Op.brIf(0)],
    ...Op.end,
    ...[...Op.localGet(sum0), ...Op.localGet(sum1), ...Op.f32x4Add, ...Op.localSet(sum0)],
    ...[...lane(0), ...lane(1), ...Op.f32Add, ...lane(2), ...lane(3), ...Op.f32Add, ...Op.f32Add],
  ];
}

/** Stores norm − 2·dot at `out`; `normAddress` leaves the norm's address on the stack. */
function storeDistanceCode(out: number, normAddress: number[], dot: number[]): number[] {
  return [
    ...Op.localGet(out),
    ...normAddress,
    ...Op.f32Load(),
    ...dot,
    ...Op.f32Const(2),
    ...Op.f32Mul,
    ...Op.f32Sub,
    ...Op.f32Store(),
  ];
}

function distancesBody(): number[] {
  // params: query 0, rows 1, norms 2, count 3, steps 4, out 5; locals: step 6, queryAt 7, sum0 8, sum1 9
  const dot = dotProductCode({ query: 0, row: 1, steps: 4, step: 6, queryAt: 7, sum0: 8, sum1: 9 });
  const body = [
    ...storeDistanceCode(5, Op.localGet(2), dot),
    ...incrementLocal(5, 4),
    ...incrementLocal(2, 4),
  ];
  return functionBody(
    [
      [2, ValueType.i32],
      [2, ValueType.v128],
    ],
    countDownLoop(3, body),
  );
}

function distancesAtBody(): number[] {
  // params: query 0, rows 1, norms 2, ids 3, count 4, steps 5, out 6;
  // locals: step 7, queryAt 8, row 9, id 10, sum0 11, sum1 12
  const rowOfId = [
    ...[...Op.localGet(3), ...Op.i32Load(), ...Op.localSet(10)],
    // row = rows + id · steps · 32 bytes
    ...[...Op.localGet(1), ...Op.localGet(10), ...Op.localGet(5), ...Op.i32Mul],
    ...[...Op.i32Const(5), ...Op.i32Shl, ...Op.i32Add, ...Op.localSet(9)],
  ];
  const normAddress = [...Op.localGet(2), ...Op.localGet(10), ...Op.i32Const(2), ...Op.i32Shl, ...Op.i32Add]; // prettier-ignore
  const dot = dotProductCode({
    query: 0,
    row: 9,
    steps: 5,
    step: 7,
    queryAt: 8,
    sum0: 11,
    sum1: 12,
  });
  const body = [
    ...rowOfId,
    ...storeDistanceCode(6, normAddress, dot),
    ...incrementLocal(6, 4),
    ...incrementLocal(3, 4),
  ];
  return functionBody(
    [
      [4, ValueType.i32],
      [2, ValueType.v128],
    ],
    countDownLoop(4, body),
  );
}

/** The module's bytes: imports a shared memory `env.memory`, exports the two kernels. */
export function distanceKernelBytes(): Uint8Array {
  return kernelModuleBytes([
    { name: 'distances', params: 6, body: distancesBody() },
    { name: 'distancesAt', params: 7, body: distancesAtBody() },
  ]);
}

let compiled: WebAssembly.Module | undefined;

/** The kernels bound to `memory` (a shared WebAssembly.Memory); the module is compiled once per thread. */
export function instantiateDistanceKernel(memory: WebAssembly.Memory): DistanceKernel {
  compiled ??= new WebAssembly.Module(distanceKernelBytes());
  const { exports } = new WebAssembly.Instance(compiled, { env: { memory } });
  return exports as unknown as DistanceKernel;
}
