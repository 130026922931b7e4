import { createSeededRandom } from '@recsys/synthetic-data';
import { WORK_PER_SLICE, type BuildSteps } from './build-steps';
import { squaredRowNorms } from './dot-product';
import { IvfVectorIndex, type InvertedLists } from './ivf-vector-index';
import { toL2Space } from './l2-space';
import type { VectorTable } from './metric-score';
import { makeCentroids } from './nearest-centroid';
import { groupByCluster, partitionRows } from './partition-rows';

export interface IvfBuildOptions {
  seed: number;
  /** Lists (clusters); default 2·√rows. */
  listCount?: number;
  /** Lists scanned per query; default: see `defaultProbeCount`. */
  probeCount?: number;
  /** Lloyd iterations per k-means; default 8. */
  iterations?: number;
  /** k-means training rows per centroid; default 32. */
  samplePerCentroid?: number;
}

/** Lists for `rows` rows when none are given: √rows balances ranking centroids against scanning lists. */
export function defaultListCount(rows: number): number {
  return Math.max(1, Math.round(2 * Math.sqrt(rows)));
}

/** Lists to scan when none are given: a share of the lists, measured to reach Recall@10 ≥ 0.98. */
export function defaultProbeCount(listCount: number): number {
  return Math.min(listCount, Math.max(8, Math.ceil(listCount * 0.05)));
}

/** Builds an IVF index over `table` as a step generator (seeded: the same seed gives the same index). */
export function* buildIvfIndexSteps(
  table: VectorTable,
  options: IvfBuildOptions,
): BuildSteps<IvfVectorIndex> {
  const space = toL2Space(table.vectors, table.dim, table.metric);
  const rowCount = Math.floor(space.vectors.length / space.dim);
  const listCount = options.listCount ?? defaultListCount(rowCount);
  const partition = yield* partitionRows(space.vectors, space.dim, {
    listCount,
    iterations: options.iterations ?? 8,
    samplePerCentroid: options.samplePerCentroid ?? 32,
    random: createSeededRandom(options.seed),
  });
  const grouped = groupByCluster(partition.listOf, partition.count);
  const vectors = yield* copyInListOrder(space, grouped.rows);
  const lists: InvertedLists = {
    space: { dim: space.dim, mapQuery: space.mapQuery },
    centroids: makeCentroids(partition.centroids, space.dim),
    offsets: grouped.offsets,
    rows: grouped.rows,
    vectors,
    squaredNorms: squaredRowNorms(vectors, space.dim),
  };
  const probeCount = options.probeCount ?? defaultProbeCount(partition.count);
  return new IvfVectorIndex(table, lists, { probeCount });
}

/** The mapped rows copied into list order ([rows, dim]), so each list is one contiguous scan. */
function* copyInListOrder(
  space: { vectors: Float32Array; dim: number },
  rowsInListOrder: Int32Array,
): BuildSteps<Float32Array> {
  const { dim } = space;
  const vectors = new Float32Array(rowsInListOrder.length * dim);
  const rowsPerSlice = Math.max(1, Math.floor(WORK_PER_SLICE / dim));
  for (let position = 0; position < rowsInListOrder.length; position++) {
    const row = rowsInListOrder[position];
    vectors.set(space.vectors.subarray(row * dim, (row + 1) * dim), position * dim);
    if ((position + 1) % rowsPerSlice === 0) yield;
  }
  return vectors;
}
