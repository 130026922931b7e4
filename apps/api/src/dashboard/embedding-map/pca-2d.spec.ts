import { principalPlane, projectOnPlane } from './pca-2d';

// Rows in 3-D spread widely along (1,1,0)/√2, less along z, barely along (1,-1,0)/√2, around (5,5,5).
function plantedRows(count: number): Float32Array {
  const rows = new Float32Array(count * 3);
  for (let r = 0; r < count; r++) {
    const wide = ((r % 17) - 8) * 3;
    const medium = ((r % 5) - 2) * 1;
    const narrow = ((r % 3) - 1) * 0.05;
    rows[r * 3] = 5 + (wide + narrow) / Math.SQRT2;
    rows[r * 3 + 1] = 5 + (wide - narrow) / Math.SQRT2;
    rows[r * 3 + 2] = 5 + medium;
  }
  return rows;
}

describe('principalPlane', () => {
  it('finds the directions of largest variance, orthonormal, around the mean', () => {
    const basis = principalPlane(plantedRows(85), 3);
    const [first, second] = basis.axes;
    expect([...basis.mean].map((v) => Number(v.toFixed(3)))).toEqual([5, 5, 5]);
    expect(first[0]).toBeCloseTo(Math.SQRT1_2, 4);
    expect(first[1]).toBeCloseTo(Math.SQRT1_2, 4);
    expect(first[2]).toBeCloseTo(0, 4);
    expect(Math.abs(second[2])).toBeCloseTo(1, 4);
    const dot = first.reduce((sum, v, d) => sum + v * second[d], 0);
    expect(dot).toBeCloseTo(0, 8);
  });

  it('projects the mean to the origin and a point along the first axis onto x', () => {
    const basis = principalPlane(plantedRows(85), 3);
    expect(projectOnPlane(basis, new Float32Array([5, 5, 5]), 0).x).toBeCloseTo(0, 5);
    const along = projectOnPlane(basis, new Float32Array([0, 7, 7, 7]), 1);
    expect(along.x).toBeCloseTo(2 * Math.SQRT2, 4);
    // The second axis is +z: signs are fixed so that an axis's largest component is positive.
    expect(along.y).toBeCloseTo(2, 4);
  });

  it('is deterministic and falls back to unit axes when every row is the same', () => {
    const rows = plantedRows(40);
    expect(principalPlane(rows, 3)).toEqual(principalPlane(rows, 3));
    const flat = principalPlane(new Float32Array([1, 2, 1, 2]), 2);
    expect([...flat.axes[0]]).toEqual([1, 0]);
    expect([...flat.axes[1]]).toEqual([0, 1]);
  });
});
