import { SeededRandom } from '../random/seeded-random';
import { RowScorer } from './row-scorer';
import { allocateTableMemory, claimScratch } from './table-memory';

function table(rows: number, dim: number, random: SeededRandom): Float32Array {
  return Float32Array.from({ length: rows * dim }, () => random.nextNormal());
}

/** Plain float64 sums: what the kernel's f32 lanes must agree with. */
function reference(
  anchors: Float32Array,
  others: Float32Array,
  ao: number,
  xo: number,
  dim: number,
) {
  let squared = 0;
  let dot = 0;
  let norm = 0;
  for (let k = 0; k < dim; k++) {
    squared += (anchors[ao + k] - others[xo + k]) ** 2;
    dot += anchors[ao + k] * others[xo + k];
    norm += others[xo + k] ** 2;
  }
  return { squared, dot, norm };
}

describe('RowScorer (the SIMD row kernel)', () => {
  // dims that take every path: 4-row groups (multiples of 4), the 16- and 8-float steps, the float tail.
  it.each([1, 3, 4, 5, 8, 17, 64, 67])(
    'scores rows in place and gathered alike, equal to float64 sums (dim %i)',
    (dim) => {
      const random = new SeededRandom(dim);
      const placed = allocateTableMemory([5 * dim, 40 * dim], 4096);
      if (placed === null) throw new Error('no memory');
      const [anchors, others] = placed.tables;
      anchors.set(table(5, dim, random));
      others.set(table(40, dim, random));
      const inPlace = new RowScorer({ anchors, others, dim, memory: placed.tableMemory });
      const gathered = new RowScorer({ anchors: anchors.slice(), others: others.slice(), dim });
      // Counts below, at and above a group of four; rows repeated and out of order.
      for (const count of [1, 4, 7, 9, 33]) {
        const offsets = Int32Array.from({ length: count }, () => random.nextInt(40) * dim);
        const anchorOffset = random.nextInt(5) * dim;
        for (const scorer of [inPlace, gathered]) {
          scorer.squaredDistances(anchorOffset, offsets, count);
          const squared = Array.from(scorer.raw.subarray(0, count));
          scorer.dotsAndSquaredNorms(anchorOffset, offsets, count);
          offsets.forEach((offset, r) => {
            const expected = reference(anchors, others, anchorOffset, offset, dim);
            expect(squared[r]).toBeCloseTo(expected.squared, 4);
            expect(scorer.raw[r]).toBeCloseTo(expected.dot, 4);
            expect(scorer.norms[r]).toBeCloseTo(expected.norm, 4);
          });
        }
      }
    },
  );

  it('gives out arena scratch until it is full', () => {
    const placed = allocateTableMemory([64], 256);
    if (placed === null) throw new Error('no memory');
    const first = claimScratch(placed.tableMemory, 100);
    const second = claimScratch(placed.tableMemory, 100);
    expect(second).toBeGreaterThanOrEqual(first + 100);
    expect(claimScratch(placed.tableMemory, 100)).toBe(-1);
    // The table after the arena is untouched by the claims.
    expect(placed.tables[0].byteOffset).toBeGreaterThanOrEqual(second + 100);
  });

  it('refuses tables beyond what wasm32 addresses', () => {
    expect(allocateTableMemory([2 ** 30, 2 ** 30], 0)).toBeNull();
  });
});
