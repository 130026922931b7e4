import { createSeededRandom } from '@recsys/synthetic-data';
import { runStepsNow } from './build-steps';
import { clusterSpaceFixture } from './testing/cluster-space-fixture';
import { groupByCluster } from './partition-rows';
import { sampleRows, trainKMeans } from './train-k-means';

describe('trainKMeans', () => {
  it('finds two planted centres', () => {
    // 100 rows near (0,0) and 100 near (10,10), uniform noise of ±0.5.
    const random = createSeededRandom(1);
    const data = Float32Array.from({ length: 400 }, (_, i) => (i < 200 ? 0 : 10) + random() - 0.5);
    const { space, tables } = clusterSpaceFixture(data, { dim: 2, centroidTables: [2] });
    const sample = Int32Array.from({ length: 200 }, (_, i) => i);
    const job = { sample, centroids: tables[0], iterations: 5, random };
    const centroids = runStepsNow(trainKMeans(space, job));
    const { memory } = space;
    const table = memory.rows(centroids.rows);
    const centres = [0, 1].map((c) => table[c * memory.stride]).sort((a, b) => a - b);
    expect(centres[0]).toBeCloseTo(0, 0);
    expect(centres[1]).toBeCloseTo(10, 0);
    expect(memory.norms(centroids.rows)[0]).toBeCloseTo(table[0] ** 2 + table[1] ** 2, 3);
  });
});

describe('sampleRows', () => {
  it('draws distinct rows, all of them when asked for more', () => {
    const rows = Int32Array.from({ length: 50 }, (_, i) => i * 2);
    const sample = sampleRows(rows, 20, createSeededRandom(3));
    expect(new Set(sample).size).toBe(20);
    expect(sample.every((row) => row % 2 === 0)).toBe(true);
    expect(Array.from(sampleRows(rows, 80, createSeededRandom(3))).sort((a, b) => a - b)).toEqual(
      Array.from(rows),
    );
  });
});

describe('groupByCluster', () => {
  it('lists the rows of each cluster contiguously', () => {
    const grouped = groupByCluster(Int32Array.from([2, 0, 2, 1, 0]), 3);
    expect(Array.from(grouped.offsets)).toEqual([0, 2, 3, 5]);
    expect(Array.from(grouped.rows)).toEqual([1, 4, 3, 0, 2]);
  });
});
