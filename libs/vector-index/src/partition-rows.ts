import type { RandomSource } from '@recsys/synthetic-data';
import type { BuildSteps } from './build-steps';
import { assignToCentroids } from './nearest-centroid';
import { sampleRows, trainKMeans } from './train-k-means';

export interface PartitionOptions {
  /** How many lists (leaf clusters) to aim for. */
  listCount: number;
  iterations: number;
  /** Training rows per centroid for k-means (a sample keeps training cheap on large tables). */
  samplePerCentroid: number;
  random: RandomSource;
}

/** Rows grouped into clusters: `listOf[row]` is the cluster of each row; `centroids` [count, dim]. */
export interface Partition {
  listOf: Int32Array;
  centroids: Float32Array;
  count: number;
}

/**
 * Splits the rows of `data` ([rows, dim]) into about `listCount` clusters with two levels of k-means:
 * √listCount coarse clusters, then each one split in proportion to its size. Assigning a row costs about
 * 2·√listCount distances instead of listCount, which is what makes a 1M-row build take seconds.
 */
export function* partitionRows(
  data: Float32Array,
  dim: number,
  options: PartitionOptions,
): BuildSteps<Partition> {
  const rowCount = Math.floor(data.length / dim);
  const allRows = new Int32Array(rowCount);
  for (let row = 0; row < rowCount; row++) allRows[row] = row;
  const coarse = yield* clusterRows(data, dim, allRows, {
    ...options,
    listCount: Math.max(1, Math.round(Math.sqrt(options.listCount))),
  });
  const members = groupByCluster(coarse.assignment, coarse.count);
  const listOf = new Int32Array(rowCount);
  const centroidParts: Float32Array[] = [];
  let count = 0;
  for (let c = 0; c < coarse.count; c++) {
    const rows = members.rows.subarray(members.offsets[c], members.offsets[c + 1]);
    if (rows.length === 0) continue;
    const share = Math.max(1, Math.round((options.listCount * rows.length) / rowCount));
    const fine = yield* clusterRows(data, dim, rows, { ...options, listCount: share });
    for (let i = 0; i < rows.length; i++) listOf[rows[i]] = count + fine.assignment[i];
    centroidParts.push(fine.centroids);
    count += fine.count;
  }
  const centroids = new Float32Array(count * dim);
  centroidParts.reduce((offset, part) => (centroids.set(part, offset), offset + part.length), 0);
  return { listOf, centroids, count };
}

interface Clustered {
  /** Cluster of each of the given rows, in their order. */
  assignment: Int32Array;
  centroids: Float32Array;
  count: number;
}

function* clusterRows(
  data: Float32Array,
  dim: number,
  rows: Int32Array,
  options: PartitionOptions,
): BuildSteps<Clustered> {
  const { listCount, samplePerCentroid, random } = options;
  const sample = sampleRows(rows, listCount * samplePerCentroid, random);
  const centroids = yield* trainKMeans(data, dim, sample, { ...options, clusterCount: listCount });
  const assignment = new Int32Array(rows.length);
  yield* assignToCentroids(centroids, data, { list: rows, out: assignment });
  return { assignment, centroids: centroids.vectors, count: centroids.count };
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
