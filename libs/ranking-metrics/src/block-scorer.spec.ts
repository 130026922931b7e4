import { BlockScorer, USER_BLOCK } from './block-scorer';
import { buildScoringTables } from './scoring-tables';
import { createSeededRandom } from './seeded-random';

function randomTable(rows: number, dim: number, seed: number): Float32Array {
  const random = createSeededRandom(seed);
  return Float32Array.from({ length: rows * dim }, () => random() - 0.5);
}

describe('BlockScorer (WebAssembly SIMD kernel)', () => {
  it.each([1, 3, 8, 64])('equals naive dot products at dim %i', (dim) => {
    const itemCount = 37;
    const users = randomTable(USER_BLOCK - 3, dim, 1);
    const items = randomTable(itemCount, dim, 2);
    const tables = buildScoringTables({
      dim,
      metric: 'dot',
      userVectors: users,
      itemVectors: items,
    });
    expect(tables.paddedItemCount).toBe(40);
    const dots = new BlockScorer(tables).score(users);
    for (let u = 0; u < users.length / dim; u++) {
      for (let i = 0; i < itemCount; i++) {
        let expected = 0;
        for (let k = 0; k < dim; k++) expected += users[u * dim + k] * items[i * dim + k];
        expect(dots[u * tables.paddedItemCount + i]).toBeCloseTo(expected, 5);
      }
    }
  });
});
