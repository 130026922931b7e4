import { dotProduct } from './dot-product';
import { toL2Space } from './l2-space';

const squaredDistance = (a: Float32Array, b: Float32Array) =>
  a.reduce((sum, value, d) => sum + (value - b[d]) ** 2, 0);

describe('toL2Space', () => {
  // Three 2-d rows with different norms; the query prefers (3,3) by dot but (1,0) by angle.
  const vectors = new Float32Array([1, 0, 0, 2, 3, 3]);
  const query = new Float32Array([1, 0.2]);

  it('orders rows by dot product for the dot metric (nearest = largest q·x)', () => {
    const space = toL2Space(vectors, 2, 'dot');
    const mapped = space.mapQuery(query);
    const distances = [0, 1, 2].map((row) =>
      squaredDistance(mapped, space.vectors.subarray(row * 3, row * 3 + 3)),
    );
    const dots = [0, 1, 2].map((row) => dotProduct(query, 0, vectors, row * 2, 2));
    expect(space.dim).toBe(3);
    expect(argsort(distances)).toEqual(argsort(dots.map((dot) => -dot)));
  });

  it('orders rows by cosine for the cosine metric', () => {
    const space = toL2Space(vectors, 2, 'cosine');
    const mapped = space.mapQuery(query);
    const distances = [0, 1, 2].map((row) =>
      squaredDistance(mapped, space.vectors.subarray(row * 2, row * 2 + 2)),
    );
    expect(argsort(distances)).toEqual([0, 2, 1]);
    expect(dotProduct(mapped, 0, mapped, 0, 2)).toBeCloseTo(1, 6);
  });

  it('leaves neg-l2 rows as they are', () => {
    expect(toL2Space(vectors, 2, 'neg-l2').vectors).toBe(vectors);
  });
});

function argsort(values: number[]): number[] {
  return values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
}
