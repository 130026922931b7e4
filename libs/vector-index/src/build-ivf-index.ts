import { createSeededRandom } from '@recsys/synthetic-data';
import { WORK_PER_SLICE, type BuildSteps } from './build-steps';
import { IvfVectorIndex } from './ivf-vector-index';
import { encodeDataRows } from './cluster-space';
import { KernelMemory, subBlock, type RowBlock } from './kernel-memory';
import { euclideanMapping } from './l2-space';
import type { VectorTable } from './metric-score';
import { coarseCount, groupByCluster, partitionRows, type Partition } from './partition-rows';
import { fitQuantizer, uniformQuantizer, type ScalarQuantizer } from './scalar-quantizer';
import { storeRows } from './store-rows';

export interface IvfBuildOptions {
  seed: number;
  /** Lists (clusters); default: see `defaultListCount`. */
  listCount?: number;
  /** Lists scanned per query; default: see `defaultProbeCount`. */
  probeCount?: number;
  /** Lloyd iterations per k-means; default 6. */
  iterations?: number;
  /** k-means training rows per centroid; default 24. */
  samplePerCentroid?: number;
  /** Rows kept per wanted result from the quantised scan, then ranked exactly; default 4. */
  rerankFactor?: number;
}

/**
 * Lists for `rows` rows when none are given: 4·√rows (4,000 at 1M). More, smaller lists find more of the
 * true neighbours per row scanned (measured at 1M x 64: Recall@10 0.82 / 0.87 / 0.90 with 2,000 / 4,000 /
 * 8,000 lists, each scanning ~14% of the rows), but every list costs build time (a row is compared with
 * about 2·√lists centroids).
 */
export function defaultListCount(rows: number): number {
  return Math.max(1, Math.round(4 * Math.sqrt(rows)));
}

/** Rows a query may scan by default before the share of lists limits it: about 1 ms of the code kernel. */
export const PROBE_ROW_BUDGET = 100_000;

/**
 * Lists to scan when none are given: 12% of them, or as many as hold PROBE_ROW_BUDGET rows on average if
 * that is more (smaller tables are scanned more thoroughly at the same cost), at least 8. At 1M x 64 with
 * 4,000 lists that is 480 lists, about 17% of the rows: Recall@10 about 0.9 (see the README).
 */
export function defaultProbeCount(
  lists: { count: number; rows: number },
  rowBudget = PROBE_ROW_BUDGET,
): number {
  const { count, rows } = lists;
  const withinBudget = Math.ceil((rowBudget * count) / Math.max(rows, 1));
  return Math.min(count, Math.max(8, Math.ceil(count * 0.12), withinBudget));
}

/**
 * Blocks of the build's working memory: the rows, coarse and list centroids, the quantizers of the
 * k-means codes (one scale) and of the search codes (per dimension).
 */
const Work = { Data: 0, Coarse: 1, Lists: 2, ClusterQuantizer: 3, SearchQuantizer: 4 } as const;

/** Code blocks of the build's working memory: rows, coarse and list centroids, search codes in list order. */
const WorkCodes = { Data: 0, Coarse: 1, Lists: 2, Stored: 3 } as const;

/** Builds an IVF index over `table` as a step generator (seeded: the same seed gives the same index). */
export function* buildIvfIndexSteps(
  table: VectorTable,
  options: IvfBuildOptions,
): BuildSteps<IvfVectorIndex> {
  const rowCount = Math.floor(table.vectors.length / table.dim);
  const listCount = Math.min(options.listCount ?? defaultListCount(rowCount), rowCount);
  const { work, quantizer } = yield* prepareWork(table, listCount);
  const { blocks, codeBlocks } = work.layout;
  const space = { memory: work, data: blocks[Work.Data], dataCodes: codeBlocks[WorkCodes.Data], quantizer: blocks[Work.ClusterQuantizer] }; // prettier-ignore
  yield* encodeDataRows(space);
  const centroids = {
    coarse: { rows: blocks[Work.Coarse], codes: codeBlocks[WorkCodes.Coarse] },
    lists: { rows: blocks[Work.Lists], codes: codeBlocks[WorkCodes.Lists] },
  };
  const partition = yield* partitionRows(space, centroids, {
    listCount,
    iterations: options.iterations ?? 6,
    samplePerCentroid: options.samplePerCentroid ?? 24,
    random: createSeededRandom(options.seed),
  });
  const grouped = groupByCluster(partition.listOf, partition.count);
  const stored = yield* storeInListOrder(work, { partition, order: grouped.rows });
  return new IvfVectorIndex(table, {
    memory: stored.memory,
    layout: stored.layout,
    quantizer,
    offsets: grouped.offsets,
    rows: grouped.rows,
    probeCount: options.probeCount ?? defaultProbeCount({ count: partition.count, rows: rowCount }),
    rerankFactor: options.rerankFactor ?? 4,
  });
}

/** The working memory (see Work) with the mapped rows and both quantizers fitted to them. */
function* prepareWork(
  table: VectorTable,
  listCount: number,
): BuildSteps<{ work: KernelMemory; quantizer: ScalarQuantizer }> {
  const mapping = euclideanMapping(table);
  const rowCount = Math.floor(table.vectors.length / table.dim);
  const coarse = coarseCount(listCount);
  const centroidRows = [coarse, listCount + coarse];
  const work = KernelMemory.create(mapping.dim, [rowCount, ...centroidRows, 3, 3], [rowCount, ...centroidRows, rowCount]); // prettier-ignore
  const { blocks } = work.layout;
  yield* storeRows(work, blocks[Work.Data], mapping);
  const quantizer = fitQuantizer(work.rows(blocks[Work.Data]), { count: rowCount, dim: mapping.dim, stride: work.stride }); // prettier-ignore
  writeQuantizer(work, blocks[Work.ClusterQuantizer], uniformQuantizer(quantizer));
  writeQuantizer(work, blocks[Work.SearchQuantizer], quantizer);
  return { work, quantizer };
}

/** Stores a quantizer as three rows of `block`: offsets, inverse scales, scales (see the quantize kernel). */
function writeQuantizer(memory: KernelMemory, block: RowBlock, quantizer: ScalarQuantizer): void {
  const rows = memory.rows(block);
  [quantizer.offset, quantizer.inverseScale, quantizer.scale].forEach((values, row) => rows.set(values, row * memory.stride)); // prettier-ignore
}

/** A new memory with the list centroids (block 0) and the rows' search codes in list order (code block 0). */
function* storeInListOrder(
  work: KernelMemory,
  grouped: { partition: Partition; order: Int32Array },
): BuildSteps<KernelMemory> {
  const { partition, order } = grouped;
  const { blocks, codeBlocks } = work.layout;
  const stored = codeBlocks[WorkCodes.Stored];
  const codeNorms = work.norms(stored);
  const rowsPerSlice = Math.max(1, Math.floor(WORK_PER_SLICE / work.stride));
  for (let position = 0; position < order.length; position++) {
    const source = work.rowAddress(blocks[Work.Data], order[position]);
    codeNorms[position] = work.encodeRow(source, { codes: stored, row: position }, blocks[Work.SearchQuantizer]); // prettier-ignore
    if ((position + 1) % rowsPerSlice === 0) yield;
  }
  const target = KernelMemory.create(work.layout.dim, [partition.count], [order.length]);
  const [centroids] = target.layout.blocks;
  const [codes] = target.layout.codeBlocks;
  const used = subBlock(blocks[Work.Lists], work.stride, { first: 0, count: partition.count });
  target.rows(centroids).set(work.rows(used));
  target.norms(centroids).set(work.norms(used));
  target.codes(codes).set(work.codes(stored));
  target.norms(codes).set(codeNorms);
  return target;
}
