import { principalPlane, projectOnPlane } from './pca-2d';
import { projectOffThread } from './project-off-thread';

describe('projectOffThread', () => {
  it('answers from a worker thread what the pure projection computes', async () => {
    const dim = 4;
    const vectors = new Float32Array(200 * dim).map((_, i) => Math.sin(i * 0.37) * ((i % dim) + 1));
    const { basis, x, y } = await projectOffThread({ vectors, dim });
    const expected = principalPlane(vectors, dim);
    expect([...basis.axes[0]]).toEqual([...expected.axes[0]]);
    expect(x).toHaveLength(200);
    const point = projectOnPlane(expected, vectors, 7 * dim);
    expect(x[7]).toBeCloseTo(point.x, 10);
    expect(y[7]).toBeCloseTo(point.y, 10);
  });
});
