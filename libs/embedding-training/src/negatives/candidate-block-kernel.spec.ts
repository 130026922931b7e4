import { join } from 'node:path';
import { instantiateLibWasm } from '@recsys/wasm-modules';
import { SeededRandom } from '../random/seeded-random';

/** The exports of `assembly/candidate-block.wat` this spec drives (byte addresses). */
interface Kernel {
  copyRows(...args: [number, number, number, number, number, number, number, number]): void;
  drawItems(state: number, count: number, bound: number, into: number): void;
  closestRows(
    ...args: [number, number, number, number, number, number, number, number, number, number]
  ): number;
  closestGathered(
    ...args: [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ]
  ): number;
}

const TABLE = 1 << 16;
const OFFSETS = 64;
const DST = 1 << 20;
const NORMS = 2 << 20;
const STEPS = NORMS + (1 << 16);
const SCALE = 3 << 20;
const BIAS = SCALE + (1 << 16);
const OUT = 4 << 20;
const ANCHOR = OUT + (1 << 16);
const SCRATCH = ANCHOR + (1 << 16);
const IDS = SCRATCH + (1 << 16);

function kernel(): { exports: Kernel; buffer: SharedArrayBuffer } {
  const memory = new WebAssembly.Memory({ initial: 80, maximum: 80, shared: true });
  const exports = instantiateLibWasm<Kernel>(join(__dirname, '..'), 'candidate-block', memory);
  return { exports, buffer: memory.buffer as SharedArrayBuffer };
}

/** Round half to even, as f32x4.nearest. */
function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const rest = value - floor;
  if (rest !== 0.5) return Math.round(value);
  return floor % 2 === 0 ? floor : floor + 1;
}

describe('candidate-block.wat', () => {
  it.each([64, 20, 7])('copies rows as int8 rounded half to even (dim %i)', (dim) => {
    const { exports, buffer } = kernel();
    const stride = Math.ceil(dim / 16) * 16;
    // Row 0: max |x| 127, so x itself is quantised: exact ties (k + 0.5) and negative ones.
    // Row 1: random values.
    const random = new SeededRandom(2);
    const rows = [
      Array.from({ length: dim }, (_, k) => (k === 0 ? 127 : (k % 2 ? -1 : 1) * (k + 0.5))),
      Array.from({ length: dim }, () => random.nextNormal() * 0.1),
    ];
    new Float32Array(buffer, TABLE, 2 * dim).set(rows.flat());
    new Int32Array(buffer, OFFSETS, 2).set([0, dim]);
    exports.copyRows(TABLE, OFFSETS, 2, dim, DST, stride, NORMS, STEPS);
    const copied = new Int8Array(buffer, DST, 2 * stride);
    rows.forEach((row, r) => {
      const rowF32 = Float32Array.from(row);
      const max = Math.fround(Math.max(...rowF32.map(Math.abs)));
      const inv = Math.fround(127 / max);
      const expected = Array.from(rowF32, (x) => roundHalfEven(Math.fround(x * inv)));
      expect(Array.from(copied.subarray(r * stride, r * stride + dim))).toEqual(expected);
      // Zero padding to the stride.
      expect(Array.from(copied.subarray(r * stride + dim, (r + 1) * stride))).toEqual(
        new Array(stride - dim).fill(0),
      );
    });
    expect(copied[1]).toBe(-2); // -1.5 -> -2 (even), not -1
    expect(copied[3]).toBe(-4); // -3.5 -> -4
    expect(copied[2]).toBe(2); // 2.5 -> 2
  });

  it.each([64, 20])('scores four rows at a time as one at a time (dim %i)', (dim) => {
    const { exports, buffer } = kernel();
    const stride = Math.ceil(dim / 16) * 16;
    const count = 11; // two groups of four and three single rows
    const random = new SeededRandom(4);
    new Float32Array(buffer, TABLE, count * dim).set(
      Array.from({ length: count * dim }, () => random.nextNormal() * 0.2),
    );
    new Int32Array(buffer, OFFSETS, count).set(Array.from({ length: count }, (_, r) => r * dim));
    exports.copyRows(TABLE, OFFSETS, count, dim, DST, stride, NORMS, STEPS);
    new Float32Array(buffer, ANCHOR, dim).set(
      Array.from({ length: dim }, () => random.nextNormal() * 0.3),
    );
    new Float32Array(buffer, SCALE, count).set(
      Array.from({ length: count }, () => random.nextFloat()),
    );
    new Float32Array(buffer, BIAS, count).set(
      Array.from({ length: count }, () => -random.nextFloat()),
    );
    const together = exports.closestRows(ANCHOR, dim, stride, DST, SCALE, BIAS, count, OUT, Infinity, SCRATCH); // prettier-ignore
    const scores = Float32Array.from(new Float32Array(buffer, OUT, count));
    const alone = Array.from({ length: count }, (_, r) => {
      exports.closestRows(ANCHOR, dim, stride, DST + r * stride, SCALE + 4 * r, BIAS + 4 * r, 1, OUT, Infinity, SCRATCH); // prettier-ignore
      return new Float32Array(buffer, OUT, 1)[0];
    });
    // Bit for bit, and the pick is the largest closeness.
    expect(Array.from(scores)).toEqual(alone);
    expect(together).toBe(alone.indexOf(Math.max(...alone)));
    expect(new Set(alone).size).toBe(count);
  });

  it.each([64, 20])('scores rows picked by id as the same rows side by side (dim %i)', (dim) => {
    const { exports, buffer } = kernel();
    const stride = Math.ceil(dim / 16) * 16;
    const rows = 40;
    const random = new SeededRandom(6);
    new Float32Array(buffer, TABLE, rows * dim).set(
      Array.from({ length: rows * dim }, () => random.nextNormal() * 0.2),
    );
    new Int32Array(buffer, OFFSETS, rows).set(Array.from({ length: rows }, (_, r) => r * dim));
    exports.copyRows(TABLE, OFFSETS, rows, dim, DST, stride, NORMS, STEPS);
    new Float32Array(buffer, ANCHOR, dim).set(
      Array.from({ length: dim }, () => random.nextNormal() * 0.3),
    );
    new Float32Array(buffer, SCALE, rows).set(
      Array.from({ length: rows }, () => random.nextFloat()),
    );
    new Float32Array(buffer, BIAS, rows).set(
      Array.from({ length: rows }, () => -random.nextFloat()),
    );
    // 11 ids (two groups of four and three single rows), one drawn twice.
    const ids = [17, 3, 39, 0, 22, 3, 8, 31, 12, 25, 5];
    new Int32Array(buffer, IDS, ids.length).set(ids);
    const best = exports.closestGathered(ANCHOR, dim, stride, DST, SCALE, BIAS, IDS, ids.length, OUT, Infinity, SCRATCH); // prettier-ignore
    const gathered = Array.from(new Float32Array(buffer, OUT, ids.length));
    exports.closestRows(ANCHOR, dim, stride, DST, SCALE, BIAS, rows, OUT, Infinity, SCRATCH);
    const all = Array.from(new Float32Array(buffer, OUT, rows));
    // Bit for bit the scores of those rows, and the pick is the closest of them.
    expect(gathered).toEqual(ids.map((id) => all[id]));
    expect(best).toBe(gathered.indexOf(Math.max(...gathered)));
    // Below a bound: the closest of those under it.
    const bound = [...gathered].sort((a, b) => b - a)[2];
    const below = exports.closestGathered(ANCHOR, dim, stride, DST, SCALE, BIAS, IDS, ids.length, OUT, bound, SCRATCH); // prettier-ignore
    expect(gathered[below]).toBe(Math.max(...gathered.filter((value) => value < bound)));
    // Ties across the four lanes of a group and the rows after the groups: the earliest row, as one
    // scalar pass picks it (the closest of all rows drawn at positions 1, 5 and 9).
    const closest = all.indexOf(Math.max(...all));
    const others = [9, 4, 1, 7, 30, 2, 11].map((row) => (row === closest ? 0 : row));
    const tied = [others[0], closest, ...others.slice(1, 4), closest, ...others.slice(4), closest];
    new Int32Array(buffer, IDS, tied.length).set(tied);
    expect(exports.closestGathered(ANCHOR, dim, stride, DST, SCALE, BIAS, IDS, tied.length, OUT, Infinity, SCRATCH)).toBe(1); // prettier-ignore
    const alike = [closest, closest, closest, closest, closest, closest];
    new Int32Array(buffer, IDS, alike.length).set(alike);
    expect(exports.closestGathered(ANCHOR, dim, stride, DST, SCALE, BIAS, IDS, alike.length, OUT, Infinity, SCRATCH)).toBe(0); // prettier-ignore
  });
  it.each([40_981, 1_000_000, 2 ** 21 - 1])(
    'draws the ids SeededRandom.nextInt(%i) draws, in integer arithmetic',
    (bound) => {
      const { exports, buffer } = kernel();
      const reference = new SeededRandom(13);
      const state = new Int32Array(buffer, SCRATCH, 4);
      reference.saveState(state);
      const count = 20_000;
      exports.drawItems(SCRATCH, count, bound, OUT);
      const drawn = Array.from(new Int32Array(buffer, OUT, count));
      const expected = Array.from({ length: count }, () => reference.nextInt(bound));
      expect(drawn).toEqual(expected);
      // The state written back continues the same stream.
      const next = new SeededRandom(1);
      next.restoreState(state);
      expect(next.nextUint32()).toBe(reference.nextUint32());
    },
  );
});
