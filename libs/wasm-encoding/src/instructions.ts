import { signedLeb, unsignedLeb } from './leb128';

/**
 * The instructions the kernels use (https://webassembly.github.io/spec/core/binary/instructions.html);
 * memory accesses take a byte offset added to the address.
 */
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
  /**
   * Loads one 32-bit value into all four lanes (ranking-metrics' dot kernel: one user coordinate against
   * 4 items' coordinates). Its alignment hint is at most 4 bytes, so it cannot share v128Load's.
   */
  v128Load32Splat: (offset = 0) => [0xfd, 0x09, 2, ...unsignedLeb(offset)],
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
