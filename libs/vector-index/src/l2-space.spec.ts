import { dotProduct } from './dot-product';
import { euclideanMapping, mapQuery } from './l2-space';

const squaredDistance = (a: Float32Array, b: Float32Array) =>
  a.reduce((sum, value, d) => sum + (value - (b[d] ?? 0)) ** 2, 0);

/** Every row of a 2-d table mapped, as [rows, mapped dim], with the squared norms mapRow reported. */
function mapAll(metric: 'neg-l2' | 'dot' | 'cosine') {
  const mapping = euclideanMapping({ vectors, dim: 2, metric });
  const mapped = new Float32Array(3 * mapping.dim);
  const norms = [0, 1, 2].map((row) => mapping.mapRow(row, mapped, row * mapping.dim));
  const row = (i: number) => mapped.subarray(i * mapping.dim, (i + 1) * mapping.dim);
  return { mapping, norms, row };
}

// Three 2-d rows with different norms; the query prefers (3,3) by dot but (1,0) by angle.
const vectors = new Float32Array([1, 0, 0, 2, 3, 3]);
const query = new Float32Array([1, 0.2]);

describe('euclideanMapping', () => {
  it('orders rows by dot product for the dot metric (nearest = largest q·x)', () => {
    const { mapping, norms, row } = mapAll('dot');
    const mapped = mapQuery('dot', query);
    const distances = [0, 1, 2].map((i) => squaredDistance(row(i), mapped));
    const dots = [0, 1, 2].map((i) => dotProduct(query, 0, vectors, i * 2, 2));
    expect(mapping.dim).toBe(3);
    expect(argsort(distances)).toEqual(argsort(dots.map((dot) => -dot)));
    norms.forEach((norm, i) => expect(norm).toBeCloseTo(dotProduct(row(i), 0, row(i), 0, 3), 4));
  });

  it('orders rows by cosine for the cosine metric', () => {
    const { row, norms } = mapAll('cosine');
    const mapped = mapQuery('cosine', query);
    const distances = [0, 1, 2].map((i) => squaredDistance(row(i), mapped));
    expect(argsort(distances)).toEqual([0, 2, 1]);
    expect(dotProduct(mapped, 0, mapped, 0, 2)).toBeCloseTo(1, 6);
    expect(norms).toEqual([1, 1, 1]);
  });

  it('copies neg-l2 rows as they are, with their squared norms', () => {
    const { row, norms } = mapAll('neg-l2');
    expect(Array.from(row(2))).toEqual([3, 3]);
    expect(norms).toEqual([1, 4, 18]);
    expect(mapQuery('neg-l2', query)).toBe(query);
  });
});

function argsort(values: number[]): number[] {
  return values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
}
