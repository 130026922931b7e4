import {
  functionBody,
  incrementLocal,
  kernelModuleBytes,
  Op,
  ValueType,
} from '@recsys/wasm-encoding';

/** Rows the nearest-row kernels compare per pass: they read each query lane once for four rows. */
const NEAREST_ROWS_PER_PASS = 4;

/**
 * argmin over rows of |x|² − 2·q·x (the nearest row to q; the first on ties) without writing the
 * distances out: the inner loop of k-means assignment. `count` ≥ 1.
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

/** What differs between the f32 and the i8 kernel. */
interface Lanes {
  /** Bytes of a row read per step, a power of two. */
  stepBytes: number;
  load: readonly number[];
  multiplyAdd: readonly number[];
  type: number;
  extract: (lane: number) => number[];
  add: readonly number[];
  /** (norm, sum) on the stack → norm − 2·sum. */
  distance: readonly number[];
  less: readonly number[];
  infinity: readonly number[];
}

const F32_LANES: Lanes = {
  stepBytes: 16,
  load: Op.v128Load(),
  multiplyAdd: [...Op.f32x4Mul, ...Op.f32x4Add],
  type: ValueType.f32,
  extract: Op.f32x4ExtractLane,
  add: Op.f32Add,
  distance: [...Op.f32Const(2), ...Op.f32Mul, ...Op.f32Sub],
  less: Op.f32LessThan,
  infinity: Op.f32Const(Infinity),
};

const I8_LANES: Lanes = {
  stepBytes: 8,
  load: Op.v128Load8x8Signed(),
  multiplyAdd: [...Op.i32x4DotI16x8, ...Op.i32x4Add],
  type: ValueType.i32,
  extract: Op.i32x4ExtractLane,
  add: Op.i32Add,
  distance: [...Op.i32Const(1), ...Op.i32Shl, ...Op.i32Sub],
  less: Op.i32LessThanSigned,
  infinity: Op.i32Const(0x7fffffff),
};

// params: query 0, rows 1, norms 2, count 3, steps 4
// locals: i32 step 5, queryAt 6, best 7, index 8, row1 9, row2 10, row3 11; T bestDistance 12;
// v128 sum 13-16, queryLanes 17; T distance 18
const SUMS = [13, 14, 15, 16];
const ROW_POINTERS = [1, 9, 10, 11];

/** Points the four row pointers at the next rows; past the last row they repeat it (never compared). */
function startPass(lanes: Lanes): number[] {
  const strideBytes = [...Op.localGet(4), ...Op.i32Const(Math.log2(lanes.stepBytes)), ...Op.i32Shl];
  const nextRow = (from: number, to: number, slot: number) => [
    ...[...Op.localGet(from), ...strideBytes, ...Op.i32Add, ...Op.localGet(from)],
    ...[...Op.localGet(3), ...Op.i32Const(slot), ...Op.i32GreaterThanSigned, ...Op.select],
    ...Op.localSet(to),
  ];
  return [
    ...nextRow(1, 9, 1),
    ...nextRow(9, 10, 2),
    ...nextRow(10, 11, 3),
    ...SUMS.flatMap((sum) => [...Op.v128Zero, ...Op.localSet(sum)]),
    ...[...Op.localGet(0), ...Op.localSet(6), ...Op.localGet(4), ...Op.localSet(5)],
  ];
}

/** One pass over the lanes: sum r += query · row r, for the four rows; leaves row pointers advanced. */
function dotProductsOfFour(lanes: Lanes): number[] {
  const multiplyAdd = (row: number) => [
    ...Op.localGet(SUMS[row]),
    ...Op.localGet(17),
    ...Op.localGet(ROW_POINTERS[row]),
    ...lanes.load,
    ...lanes.multiplyAdd,
    ...Op.localSet(SUMS[row]),
  ];
  return [
    ...Op.loop,
    ...[...Op.localGet(6), ...lanes.load, ...Op.localSet(17)],
    ...[0, 1, 2, 3].flatMap(multiplyAdd),
    ...[6, ...ROW_POINTERS].flatMap((pointer) => incrementLocal(pointer, lanes.stepBytes)),
    ...[...Op.localGet(5), ...Op.i32Const(1), ...Op.i32Sub, ...Op.localTee(5), ...Op.brIf(0)],
    ...Op.end,
  ];
}

/** Keeps row `row` of the pass (if there is one) if its distance (norm − 2·sum) beats the best so far. */
function keepIfNearer(lanes: Lanes, row: number): number[] {
  const sum = SUMS[row];
  const lane = (index: number) => [...Op.localGet(sum), ...lanes.extract(index)];
  const load = lanes.type === ValueType.f32 ? Op.f32Load(4 * row) : Op.i32Load(4 * row);
  return [
    ...[...Op.localGet(3), ...Op.i32Const(row), ...Op.i32GreaterThanSigned, ...Op.if],
    ...[...Op.localGet(2), ...load],
    ...[...lane(0), ...lane(1), ...lanes.add, ...lane(2), ...lane(3), ...lanes.add, ...lanes.add],
    ...[...lanes.distance, ...Op.localTee(18)],
    ...[...Op.localGet(12), ...lanes.less, ...Op.if],
    ...[...Op.localGet(18), ...Op.localSet(12)],
    ...[...Op.localGet(8), ...Op.i32Const(row), ...Op.i32Add, ...Op.localSet(7)],
    ...Op.end,
    ...Op.end,
  ];
}

function nearestBody(lanes: Lanes): number[] {
  const pass = [
    ...startPass(lanes),
    ...dotProductsOfFour(lanes),
    ...[0, 1, 2, 3].flatMap((row) => keepIfNearer(lanes, row)),
    // The fourth row pointer now points past the pass: the next pass starts there.
    ...[...Op.localGet(11), ...Op.localSet(1)],
    ...incrementLocal(2, 4 * NEAREST_ROWS_PER_PASS),
    ...incrementLocal(8, NEAREST_ROWS_PER_PASS),
    ...incrementLocal(3, -NEAREST_ROWS_PER_PASS),
  ];
  const code = [
    ...[...lanes.infinity, ...Op.localSet(12)],
    ...Op.block,
    ...Op.loop,
    ...[
      ...Op.localGet(3),
      ...Op.i32Const(0),
      ...Op.i32GreaterThanSigned,
      ...Op.i32Eqz,
      ...Op.brIf(1),
    ],
    ...pass,
    ...Op.br(0),
    ...Op.end,
    ...Op.end,
    ...Op.localGet(7),
  ];
  return functionBody([[7, ValueType.i32], [1, lanes.type], [5, ValueType.v128], [1, lanes.type]], code); // prettier-ignore
}

let compiled: WebAssembly.Module | undefined;

/** The kernels bound to `memory`; the module is compiled once per thread. */
export function instantiateNearestRowKernel(memory: WebAssembly.Memory): NearestRowKernel {
  compiled ??= new WebAssembly.Module(
    kernelModuleBytes([
      { name: 'nearestRow', params: 5, result: ValueType.i32, body: nearestBody(F32_LANES) },
      { name: 'nearestCode', params: 5, result: ValueType.i32, body: nearestBody(I8_LANES) },
    ]),
  );
  const { exports } = new WebAssembly.Instance(compiled, { env: { memory } });
  return exports as unknown as NearestRowKernel;
}
