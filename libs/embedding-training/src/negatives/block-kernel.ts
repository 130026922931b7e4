import { join } from 'node:path';
import { instantiateLibWasm } from '@recsys/wasm-modules';
import type { GeometryKind } from '../geometry/row-geometry';
import type { TableMemory } from '../geometry/table-memory';

/**
 * The exports of `assembly/candidate-block.wat` (byte addresses; offsets in floats), shared by the
 * candidate block (copies of uniform rows, scored a slice at a time) and the candidate mirror (a copy of
 * every item row, scored at random ids).
 */
export interface CandidateBlockKernel {
  copyRows(
    table: number,
    offsets: number,
    count: number,
    dim: number,
    dst: number,
    stride: number,
    norms: number,
    steps: number,
  ): void;
  closestRows(
    anchor: number,
    dim: number,
    stride: number,
    rows: number,
    scale: number,
    bias: number,
    count: number,
    out: number,
    below: number,
    scratch: number,
  ): number;
  closestGathered(
    anchor: number,
    dim: number,
    stride: number,
    rows: number,
    scale: number,
    bias: number,
    ids: number,
    count: number,
    out: number,
    below: number,
    scratch: number,
  ): number;
  drawItems(state: number, count: number, bound: number, into: number): void;
}

export const ALIGN_BYTES = 64;
/** Smallest norm used as a divisor (the cosine of a zero row). */
export const MIN_NORM = 1e-12;
/** Compiled `.wasm` lives in libs/embedding-training/wasm, beside src/. */
const SRC_DIR = join(__dirname, '..');

export function loadBlockKernel(memory: TableMemory): CandidateBlockKernel {
  return instantiateLibWasm<CandidateBlockKernel>(SRC_DIR, 'candidate-block', memory.memory);
}

/** Bytes of one int8 copied row: dim, padded to whole 16-byte SIMD loads. */
export function rowStride(dim: number): number {
  return Math.ceil(dim / 16) * 16;
}

export function alignUp(bytes: number): number {
  return Math.ceil(bytes / ALIGN_BYTES) * ALIGN_BYTES;
}

/**
 * Turns what `copyRows` wrote for entries [from, to) (squared norms in `bias`, quantisation steps in
 * `steps`) into each geometry's (scale, bias): the kernels' closeness is scale x (u . int8 row) + bias.
 */
export function toClosenessScale(
  kind: GeometryKind,
  scale: Float32Array,
  bias: Float32Array,
  steps: Float32Array,
  from: number,
  to: number,
): void {
  for (let e = from; e < to; e++) {
    const squaredNorm = bias[e];
    // u.c ~ step x (the int8 row . u), the kernel's sum.
    if (kind === 'euclidean' || kind === 'squared-euclidean') {
      // ||u - c||^2 = ||u||^2 - (2 u.c - ||c||^2): the user's own norm does not change the order.
      scale[e] = 2 * steps[e];
      bias[e] = -squaredNorm;
    } else {
      const norm = kind === 'cosine' ? Math.max(Math.sqrt(squaredNorm), MIN_NORM) : 1;
      scale[e] = steps[e] / norm;
      bias[e] = 0;
    }
  }
}
