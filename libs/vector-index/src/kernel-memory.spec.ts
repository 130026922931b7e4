import { createSeededRandom } from '@recsys/synthetic-data';
import { KernelMemory, subBlock } from './kernel-memory';
import { fitQuantizer, quantizeQuery } from './scalar-quantizer';

// 13 dimensions: not a multiple of any kernel step, so the zero padding is exercised too.
const DIM = 13;
const ROWS = 37;
const random = createSeededRandom(8);
const table = Float32Array.from({ length: ROWS * DIM }, () => random() * 4 - 2);
const query = Float32Array.from({ length: DIM }, () => random() * 4 - 2);
const row = (i: number) => table.subarray(i * DIM, (i + 1) * DIM);
const dot = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  Array.from({ length: DIM }, (_, d) => a[d] * b[d]).reduce((sum, x) => sum + x, 0);
/** The kernels' definition of a row's distance: |x|² − 2·q·x. */
const reference = (i: number) => dot(row(i), row(i)) - 2 * dot(query, row(i));

function loaded(): KernelMemory {
  const memory = KernelMemory.create(DIM, [ROWS]);
  const block = memory.block(0);
  for (let i = 0; i < ROWS; i++) {
    memory.floats.set(row(i), memory.rowAddress(block, i) / 4);
    memory.norms(block)[i] = dot(row(i), row(i));
  }
  return memory;
}

describe('KernelMemory', () => {
  const memory = loaded();
  const block = memory.block(0);

  it('computes |x|² − 2·q·x for a range of rows', () => {
    const queryAt = memory.loadQuery(query);
    const out = memory.distances(queryAt, block, { first: 5, count: 20 });
    for (let i = 0; i < 20; i++) expect(out[i]).toBeCloseTo(reference(5 + i), 4);
  });

  it('computes them for listed rows, in the listed order', () => {
    const queryAt = memory.loadQuery(query);
    memory.ids.set([36, 0, 17, 17]);
    const out = memory.distancesAt(queryAt, block, 4);
    [36, 0, 17, 17].forEach((row, i) => expect(out[i]).toBeCloseTo(reference(row), 4));
  });

  it.each([1, 3, 4, 7, 8, 37])('finds the nearest of %i rows', (count) => {
    const queryAt = memory.loadQuery(query);
    const expected = Array.from({ length: count }, (_, i) => i).reduce((best, i) =>
      reference(i) < reference(best) ? i : best,
    );
    expect(memory.nearestRow(queryAt, subBlock(block, memory.stride, { first: 0, count }))).toBe(expected); // prettier-ignore
  });

  it('takes the first of equally near rows', () => {
    const twins = KernelMemory.create(DIM, [6]);
    const rows = twins.block(0);
    for (const i of [2, 5]) twins.floats.set(query, twins.rowAddress(rows, i) / 4);
    expect(twins.nearestRow(twins.loadQuery(query), rows)).toBe(2);
  });

  it('encodes rows as the scalar quantizer defines and dots the codes in integers', () => {
    const quantizer = fitQuantizer(table, { count: ROWS, dim: DIM, stride: DIM });
    const work = KernelMemory.create(DIM, [ROWS, 3], [ROWS]);
    const [rows, quantizerRows] = work.layout.blocks;
    const [codeBlock] = work.layout.codeBlocks;
    for (let i = 0; i < ROWS; i++) work.floats.set(row(i), work.rowAddress(rows, i) / 4);
    [quantizer.offset, quantizer.inverseScale, quantizer.scale].forEach((values, r) => work.rows(quantizerRows).set(values, r * work.stride)); // prettier-ignore
    const norms = Array.from({ length: ROWS }, (_, i) => work.encodeRow(work.rowAddress(rows, i), { codes: codeBlock, row: i }, quantizerRows)); // prettier-ignore
    const codes = work.codes(codeBlock);
    const decoded = (i: number, d: number) => quantizer.offset[d] + quantizer.scale[d] * codes[i * work.layout.codeBytes + d]; // prettier-ignore
    for (let i = 0; i < ROWS; i++) {
      for (let d = 0; d < DIM; d++) expect(Math.abs(decoded(i, d) - row(i)[d])).toBeLessThanOrEqual(quantizer.scale[d] / 2 + 1e-6); // prettier-ignore
      expect(norms[i]).toBeCloseTo(Array.from({ length: DIM }, (_, d) => decoded(i, d) ** 2).reduce((a, b) => a + b), 3); // prettier-ignore
    }
    const code = quantizeQuery(quantizer, query);
    work.loadCodeQuery(code.weights);
    const dots = work.codeDots(codeBlock, { first: 0, count: ROWS });
    for (let i = 0; i < ROWS; i++) {
      const exact = Array.from({ length: DIM }, (_, d) => code.weights[d] * codes[i * work.layout.codeBytes + d]).reduce((a, b) => a + b); // prettier-ignore
      expect(dots[i]).toBe(exact);
      const decodedDot = Array.from({ length: DIM }, (_, d) => query[d] * decoded(i, d)).reduce((a, b) => a + b); // prettier-ignore
      expect(code.shift + code.scale * dots[i]).toBeCloseTo(decodedDot, 2);
    }
  });

  it.each([1, 4, 6, 37])('finds the nearest of %i code rows, ranking like the rows', (count) => {
    const codes = KernelMemory.create(DIM, [], [count + 1]);
    const [block] = codes.layout.codeBlocks;
    const bytes = codes.codes(block);
    const norms = codes.integerNorms(block);
    // Codes of one scale: the query at row `count`, candidates at rows 0 .. count-1.
    const code = (i: number, d: number) => Math.round((i < count ? row(i) : query)[d] * 30);
    for (let i = 0; i <= count; i++) {
      for (let d = 0; d < DIM; d++) bytes[i * codes.layout.codeBytes + d] = code(i, d);
      if (i < count) norms[i] = Array.from({ length: DIM }, (_, d) => code(i, d) ** 2).reduce((a, b) => a + b); // prettier-ignore
    }
    const codeDistance = (i: number) => Array.from({ length: DIM }, (_, d) => (code(i, d) - code(count, d)) ** 2).reduce((a, b) => a + b); // prettier-ignore
    const expected = Array.from({ length: count }, (_, i) => i).reduce((best, i) => (codeDistance(i) < codeDistance(best) ? i : best)); // prettier-ignore
    const candidates = { ...block, count };
    expect(codes.nearestCode(codes.codeRowAddress(block, count), candidates)).toBe(expected);
  });

  it('attaches to a memory without copying, with a scratch area of its own', () => {
    const other = KernelMemory.attach(memory.memory, memory.layout);
    const otherQueryAt = other.loadQuery(row(3));
    const queryAt = memory.loadQuery(query);
    expect(otherQueryAt).not.toBe(queryAt);
    expect(other.distances(otherQueryAt, block, { first: 3, count: 1 })[0]).toBeCloseTo(-dot(row(3), row(3)), 4); // prettier-ignore
    expect(memory.distances(queryAt, block, { first: 3, count: 1 })[0]).toBeCloseTo(reference(3), 4); // prettier-ignore
  });
});
