/**
 * Just enough of the WebAssembly binary format (https://webassembly.github.io/spec/core/binary/) to write
 * the few small kernels of this lib as readable code instead of an opaque blob.
 */

/** Unsigned LEB128: 7 bits per byte, low bits first, high bit set on all bytes but the last. */
export function unsignedLeb(value: number): number[] {
  const bytes: number[] = [];
  let rest = value >>> 0;
  do {
    const low = rest & 0x7f;
    rest >>>= 7;
    bytes.push(rest === 0 ? low : low | 0x80);
  } while (rest !== 0);
  return bytes;
}

/** Signed LEB128 of a 32-bit integer. */
export function signedLeb(value: number): number[] {
  const bytes: number[] = [];
  let rest = value | 0;
  for (;;) {
    const low = rest & 0x7f;
    rest >>= 7;
    const done = (rest === 0 && (low & 0x40) === 0) || (rest === -1 && (low & 0x40) !== 0);
    bytes.push(done ? low : low | 0x80);
    if (done) return bytes;
  }
}

/** A vector: its length, then its items. */
export function encodeVector(items: number[][]): number[] {
  return [...unsignedLeb(items.length), ...items.flat()];
}

/** A name as UTF-8 bytes (ASCII here) with its length. */
export function encodeName(name: string): number[] {
  return encodeVector(Array.from(name, (char) => [char.charCodeAt(0)]));
}

/** A section: id, byte size, content. */
export function encodeSection(id: number, content: number[]): number[] {
  return [id, ...unsignedLeb(content.length), ...content];
}

export const ValueType = { i32: 0x7f, f32: 0x7d, v128: 0x7b } as const;

/** The instructions the kernels use; memory accesses take a byte offset added to the address. */
export const Op = {
  localGet: (index: number) => [0x20, ...unsignedLeb(index)],
  localSet: (index: number) => [0x21, ...unsignedLeb(index)],
  localTee: (index: number) => [0x22, ...unsignedLeb(index)],
  i32Const: (value: number) => [0x41, ...signedLeb(value)],
  f32Const: (value: number) => [0x43, ...new Uint8Array(Float32Array.of(value).buffer)],
  i32Add: [0x6a],
  i32Sub: [0x6b],
  i32Mul: [0x6c],
  i32Shl: [0x74],
  i32Eqz: [0x45],
  f32Add: [0x92],
  f32Sub: [0x93],
  f32Mul: [0x94],
  f32LessThan: [0x5d],
  i32LessThanSigned: [0x48],
  i32GreaterThanSigned: [0x4a],
  /** (a, b, condition) → a if condition is not 0, else b. */
  select: [0x1b],
  /** An if with no result, closed by `end`. */
  if: [0x04, 0x40],
  /** A block with no result; `br 0` inside it jumps to its end. */
  block: [0x02, 0x40],
  /** A loop with no result; `br 0` inside it jumps back to its start. */
  loop: [0x03, 0x40],
  end: [0x0b],
  br: (depth: number) => [0x0c, ...unsignedLeb(depth)],
  brIf: (depth: number) => [0x0d, ...unsignedLeb(depth)],
  // Memory arguments: log2 of the alignment hint, then the offset.
  i32Load: (offset = 0) => [0x28, 2, ...unsignedLeb(offset)],
  f32Load: (offset = 0) => [0x2a, 2, ...unsignedLeb(offset)],
  f32Store: (offset = 0) => [0x38, 2, ...unsignedLeb(offset)],
  i32Store: (offset = 0) => [0x36, 2, ...unsignedLeb(offset)],
  v128Load: (offset = 0) => [0xfd, 0x00, 4, ...unsignedLeb(offset)],
  v128Store: (offset = 0) => [0xfd, 0x0b, 4, ...unsignedLeb(offset)],
  v128Zero: [0xfd, 0x0c, ...new Array<number>(16).fill(0)],
  f32x4Splat: [0xfd, 0x13],
  i32x4Splat: [0xfd, 0x11],
  f32x4Sub: [0xfd, ...unsignedLeb(0xe5)],
  f32x4Min: [0xfd, ...unsignedLeb(0xe8)],
  f32x4Max: [0xfd, ...unsignedLeb(0xe9)],
  /** f32 lanes to i32, truncating toward zero (saturating). */
  i32x4TruncateF32x4: [0xfd, ...unsignedLeb(0xf8)],
  f32x4ConvertI32x4: [0xfd, ...unsignedLeb(0xfa)],
  i32x4Sub: [0xfd, ...unsignedLeb(0xb1)],
  /** Two i32x4 to one i16x8, saturating. */
  i16x8NarrowI32x4: [0xfd, ...unsignedLeb(0x85)],
  /** Two i16x8 to one i8x16, saturating. */
  i8x16NarrowI16x8: [0xfd, ...unsignedLeb(0x65)],
  f32x4ExtractLane: (lane: number) => [0xfd, 0x1f, lane],
  f32x4Add: [0xfd, ...unsignedLeb(0xe4)],
  f32x4Mul: [0xfd, ...unsignedLeb(0xe6)],
  /** Loads 8 signed bytes, each widened to an i16 lane. */
  v128Load8x8Signed: (offset = 0) => [0xfd, 0x01, 3, ...unsignedLeb(offset)],
  i32x4ExtractLane: (lane: number) => [0xfd, 0x1b, lane],
  i32x4Add: [0xfd, ...unsignedLeb(0xae)],
  /** Multiplies i16 lanes pairwise and adds neighbouring products: 8 multiply-adds into 4 i32 lanes. */
  i32x4DotI16x8: [0xfd, ...unsignedLeb(0xba)],
} as const;

/** Adds `by` to an i32 local. */
export function incrementLocal(local: number, by: number): number[] {
  return [...Op.localGet(local), ...Op.i32Const(by), ...Op.i32Add, ...Op.localSet(local)];
}

/** Runs `body` while the i32 local `count` is not zero, decrementing it after each run. */
export function countDownLoop(count: number, body: number[]): number[] {
  return [
    ...Op.block,
    ...Op.loop,
    ...[...Op.localGet(count), ...Op.i32Eqz, ...Op.brIf(1)],
    ...body,
    ...incrementLocal(count, -1),
    ...Op.br(0),
    ...Op.end,
    ...Op.end,
  ];
}

/** A function: its locals (after the parameters, groups of [count, type] in order), then its code. */
export function functionBody(locals: [number, number][], code: number[]): number[] {
  const declared = encodeVector(locals.map(([count, type]) => [...unsignedLeb(count), type]));
  const body = [...declared, ...code, ...Op.end];
  return [...unsignedLeb(body.length), ...body];
}

/**
 * A module of functions that take only i32 parameters and return nothing or one value, importing a shared
 * memory `env.memory` (up to 65,536 pages = 4 GiB) and exporting each function under its name.
 */
export function kernelModuleBytes(
  functions: { name: string; params: number; result?: number; body: number[] }[],
): Uint8Array {
  const i32s = (count: number) =>
    encodeVector(Array.from({ length: count }, () => [ValueType.i32]));
  const results = (type?: number) => encodeVector(type === undefined ? [] : [[type]]);
  const types = functions.map((fn) => [0x60, ...i32s(fn.params), ...results(fn.result)]);
  // Limits flag 3: shared, with a maximum (required for shared memories).
  const memoryImport = [...encodeName('env'), ...encodeName('memory'), 0x02, 0x03, 1, ...unsignedLeb(65_536)]; // prettier-ignore
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...encodeSection(1, encodeVector(types)),
    ...encodeSection(2, encodeVector([memoryImport])),
    ...encodeSection(3, encodeVector(functions.map((_, index) => unsignedLeb(index)))),
    ...encodeSection(7, encodeVector(functions.map((fn, index) => [...encodeName(fn.name), 0x00, ...unsignedLeb(index)]))), // prettier-ignore
    ...encodeSection(10, encodeVector(functions.map((fn) => fn.body))),
  ]);
}
