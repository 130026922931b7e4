import { createSeededRandom } from '@recsys/synthetic-data';
import { runStepsNow } from './build-steps';
import { clusteredVectors } from './clustered-vectors';
import { coarseCount, groupByCluster, partitionRows } from './partition-rows';
import { clusterSpaceFixture } from './testing/cluster-space-fixture';

const DIM = 8;
const ROWS = 6_000;
const CLUSTERS = 24;

/** Rows around 24 well-separated centres; the planted cluster of each row is its nearest centre. */
const vectors = clusteredVectors({ rows: ROWS, dim: DIM, clusterCount: CLUSTERS, spread: 0.05, seed: 6 }); // prettier-ignore

function partition(listCount: number, seed: number) {
  const coarse = coarseCount(listCount);
  const { space, tables } = clusterSpaceFixture(vectors, { dim: DIM, centroidTables: [coarse, listCount + coarse] }); // prettier-ignore
  const options = { listCount, iterations: 6, samplePerCentroid: 24, random: createSeededRandom(seed) }; // prettier-ignore
  return runStepsNow(partitionRows(space, { coarse: tables[0], lists: tables[1] }, options));
}

/** Rows of the same planted cluster: equal up to the small spread (the nearest other row is far). */
function plantedCluster(): Int32Array {
  const labels = new Int32Array(ROWS).fill(-1);
  const centres: number[] = [];
  for (let row = 0; row < ROWS; row++) {
    const at = row * DIM;
    const near = centres.find((c) => Math.hypot(...Array.from({ length: DIM }, (_, d) => vectors[at + d] - vectors[c * DIM + d])) < 1); // prettier-ignore
    labels[row] = near === undefined ? (centres.push(row), centres.length - 1) : labels[near];
  }
  return labels;
}

describe('partitionRows', () => {
  it('puts each planted cluster into one list when there are as many lists as clusters', () => {
    const { listOf, count } = partition(CLUSTERS, 1);
    const labels = plantedCluster();
    expect(Math.max(...labels) + 1).toBe(CLUSTERS);
    const lists = groupByCluster(listOf, count);
    // Purity: the share of rows whose list's majority cluster is their own.
    let agreeing = 0;
    for (let list = 0; list < count; list++) {
      const members = lists.rows.subarray(lists.offsets[list], lists.offsets[list + 1]);
      const tally = new Map<number, number>();
      members.forEach((row) => tally.set(labels[row], (tally.get(labels[row]) ?? 0) + 1));
      agreeing += Math.max(0, ...tally.values());
    }
    expect(agreeing / ROWS).toBeGreaterThanOrEqual(0.9);
  });

  it('assigns every row to one of about listCount lists', () => {
    const { listOf, count } = partition(100, 2);
    expect(count).toBeGreaterThanOrEqual(90);
    expect(count).toBeLessThanOrEqual(100 + coarseCount(100));
    expect(listOf.every((list) => list >= 0 && list < count)).toBe(true);
  });

  it('gives the same partition for the same seed', () => {
    expect(partition(100, 7).listOf).toEqual(partition(100, 7).listOf);
    expect(partition(100, 8).listOf).not.toEqual(partition(100, 7).listOf);
  });
});
