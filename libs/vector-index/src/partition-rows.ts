import type { RandomSource } from '@recsys/synthetic-data';
import type { BuildSteps } from './build-steps';
import {
  assignToCentroids,
  sliceCentroids,
  type CentroidBlocks,
  type ClusterSpace,
} from './cluster-space';
import { sampleRows, trainKMeans } from './train-k-means';

export interface PartitionOptions {
  /** How many lists (leaf clusters) to aim for. */
  listCount: number;
  iterations: number;
  /** Training rows per centroid for k-means (a sample keeps training cheap on large tables). */
  samplePerCentroid: number;
  random: RandomSource;
}

/** Room for the centroids of a partition. */
export interface PartitionCentroids {
  /** At least round(√listCount) rows. */
  coarse: CentroidBlocks;
  /** At least listCount + round(√listCount) rows (each coarse cell rounds its share up by at most 1). */
  lists: CentroidBlocks;
}

/** Rows grouped into lists: `listOf[row]`; the list centroids are the first `count` rows of `lists`. */
export interface Partition {
  listOf: Int32Array;
  count: number;
}

/** Coarse centroids for a partition into `listCount` lists: √listCount balances the two levels. */
export function coarseCount(listCount: number): number {
  return Math.max(1, Math.round(Math.sqrt(listCount)));
}

/**
 * Splits the rows of `data` into about `listCount` lists with two levels of k-means: √listCount coarse
 * cells, then each cell split in proportion to its size. Assigning a row costs about 2·√listCount
 * distances instead of listCount, which is what makes a 1M-row build take seconds.
 */
export function* partitionRows(
  space: ClusterSpace,
  centroids: PartitionCentroids,
  options: PartitionOptions,
): BuildSteps<Partition> {
  const { memory, data } = space;
  const allRows = Int32Array.from({ length: data.count }, (_, row) => row);
  const cells = coarseCount(options.listCount);
  const coarse = yield* clusterRows(space, {
    rows: allRows,
    centroids: sliceCentroids(memory, centroids.coarse, { first: 0, count: cells }),
    options,
  });
  const members = groupByCluster(coarse, cells);
  const listOf = new Int32Array(data.count);
  let count = 0;
  for (let c = 0; c < cells; c++) {
    const rows = members.rows.subarray(members.offsets[c], members.offsets[c + 1]);
    if (rows.length === 0) continue;
    const share = Math.max(1, Math.round((options.listCount * rows.length) / data.count));
    const lists = sliceCentroids(memory, centroids.lists, { first: count, count: share });
    const fine = yield* clusterRows(space, { rows, centroids: lists, options });
    let used = 0;
    for (let i = 0; i < rows.length; i++) {
      listOf[rows[i]] = count + fine[i];
      used = Math.max(used, fine[i] + 1);
    }
    count += used;
  }
  return { listOf, count };
}

/** Trains k-means on a sample of `rows` into `centroids`, then assigns every one of `rows`. */
function* clusterRows(
  space: ClusterSpace,
  job: { rows: Int32Array; centroids: CentroidBlocks; options: PartitionOptions },
): BuildSteps<Int32Array> {
  const { rows, options } = job;
  const sampleSize = job.centroids.rows.count * options.samplePerCentroid;
  const centroids = yield* trainKMeans(space, {
    sample: sampleRows(rows, sampleSize, options.random),
    centroids: job.centroids,
    iterations: options.iterations,
    random: options.random,
  });
  const out = new Int32Array(rows.length);
  yield* assignToCentroids(space, { rows, centroids, out });
  return out;
}

/** Rows of each cluster, contiguous (CSR): cluster c holds rows[offsets[c] .. offsets[c+1]). */
export function groupByCluster(
  clusterOf: Int32Array,
  clusterCount: number,
): { offsets: Int32Array; rows: Int32Array } {
  const offsets = new Int32Array(clusterCount + 1);
  for (let i = 0; i < clusterOf.length; i++) offsets[clusterOf[i] + 1]++;
  for (let c = 0; c < clusterCount; c++) offsets[c + 1] += offsets[c];
  const next = offsets.slice(0, clusterCount);
  const rows = new Int32Array(clusterOf.length);
  for (let i = 0; i < clusterOf.length; i++) rows[next[clusterOf[i]]++] = i;
  return { offsets, rows };
}
