import { WORK_PER_SLICE, type BuildSteps } from './build-steps';
import { subBlock, type KernelMemory, type RowBlock } from './kernel-memory';

/**
 * Where k-means works: the rows as f32 (for the means) and as i8 codes of one scale (see
 * `uniformQuantizer`), on which rows are assigned to centroids: four times fewer bytes and twice the
 * multiply-adds per instruction (`nearestCode`).
 */
export interface ClusterSpace {
  memory: KernelMemory;
  data: RowBlock;
  dataCodes: RowBlock;
  /** The quantizer of the codes as three f32 rows: offsets, inverse scales, scales. */
  quantizer: RowBlock;
}

/** A centroid table: f32 rows and their codes, row for row. */
export interface CentroidBlocks {
  rows: RowBlock;
  codes: RowBlock;
}

/** Rows first .. first+count of a centroid table, as a table of its own (no copy). */
export function sliceCentroids(
  memory: KernelMemory,
  table: CentroidBlocks,
  range: { first: number; count: number },
): CentroidBlocks {
  return { rows: subBlock(table.rows, memory.stride, range), codes: subBlock(table.codes, memory.layout.codeBytes, range) }; // prettier-ignore
}

/** Encodes every row of the space's data into its codes, yielding between slices. */
export function* encodeDataRows(space: ClusterSpace): BuildSteps<void> {
  const { memory, data, dataCodes, quantizer } = space;
  const rowsPerSlice = Math.max(1, Math.floor(WORK_PER_SLICE / (4 * memory.stride)));
  for (let row = 0; row < data.count; row++) {
    memory.encodeRow(memory.rowAddress(data, row), { codes: dataCodes, row }, quantizer);
    if ((row + 1) % rowsPerSlice === 0) yield;
  }
}

/** Re-encodes the centroids' codes from their f32 rows, with the i32 norms Σc² that `nearestCode` reads. */
export function encodeCentroids(space: ClusterSpace, centroids: CentroidBlocks): void {
  const { memory, quantizer } = space;
  const { codeBytes } = memory.layout;
  const codes = memory.codes(centroids.codes);
  const norms = memory.integerNorms(centroids.codes);
  for (let row = 0; row < centroids.rows.count; row++) {
    memory.encodeRow(memory.rowAddress(centroids.rows, row), { codes: centroids.codes, row }, quantizer); // prettier-ignore
    let squaredNorm = 0;
    for (let d = row * codeBytes; d < (row + 1) * codeBytes; d++)
      squaredNorm += codes[d] * codes[d];
    norms[row] = squaredNorm;
  }
}

/** Which rows go to which centroids: `out[i]` gets the nearest centroid of data row `rows[i]`. */
export interface Assignment {
  rows: Int32Array;
  /** Their codes must be up to date (`encodeCentroids`). */
  centroids: CentroidBlocks;
  out: Int32Array;
}

/** Assigns each listed row to its nearest centroid, on the codes, yielding between slices of work. */
export function* assignToCentroids(space: ClusterSpace, assignment: Assignment): BuildSteps<void> {
  const { memory, dataCodes } = space;
  const { rows, centroids, out } = assignment;
  // Codes take about a quarter of the f32 kernel's time per multiply-add.
  const work = Math.max(1, (centroids.codes.count * memory.layout.codeBytes) / 4);
  const rowsPerSlice = Math.max(1, Math.floor(WORK_PER_SLICE / work));
  for (let i = 0; i < rows.length; i++) {
    out[i] = memory.nearestCode(memory.codeRowAddress(dataCodes, rows[i]), centroids.codes);
    if ((i + 1) % rowsPerSlice === 0) yield;
  }
}
